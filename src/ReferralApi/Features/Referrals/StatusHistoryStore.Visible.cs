namespace ReferralApi.Features.Referrals;

/// <summary>
/// The status read: a referral's status, version and history in one statement, for its two
/// parties only. Every referral has its <c>sent</c> move, so no row means no referral the caller
/// may see.
/// </summary>
internal sealed partial class StatusHistoryStore
{
    public const string SelectVisibleWithHistory = """
        SELECT r.status AS ReferralStatus, r.version AS ReferralVersion, r.updated_at AS ReferralUpdatedAt,
               h.id AS Id, h.referral_id AS ReferralId, h.status AS Status, h.at AS At, h.by_agency_id AS ByAgencyId,
               h.reason_code AS ReasonCode, h.reason AS Reason, h.outcome AS Outcome, h.note AS Note,
               h.person_sub AS PersonSub, h.person_name AS PersonName
        FROM referrals r
        JOIN referral_status_changes h ON h.referral_id = r.id
        WHERE r.id = @ReferralId AND (r.from_agency_id = @Agency OR r.to_agency_id = @Agency)
        ORDER BY h.at, h.id
        """;

    /// <summary>The referral's status with its history, oldest first and opened; null when the agency is not a party.</summary>
    public async Task<VisibleStatus?> ReadVisibleAsync(Guid referralId, Guid agency, CancellationToken ct)
    {
        var rows = await db.QueryAsync<StatusWithHistoryRow>(SelectVisibleWithHistory, new { ReferralId = referralId, Agency = agency }, ct);
        if (rows.Count == 0)
        {
            return null;
        }

        var history = new StatusChangeRow[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            history[i] = cipher.Open(rows[i]);
        }

        var first = rows[0];
        return new VisibleStatus(first.ReferralStatus, first.ReferralVersion, first.ReferralUpdatedAt, history);
    }

    /// <summary>One row of <see cref="SelectVisibleWithHistory"/>: the referral's columns beside one move.</summary>
    internal sealed record StatusWithHistoryRow : StatusChangeRow
    {
        public string ReferralStatus { get; init; } = string.Empty;

        public int ReferralVersion { get; init; }

        public DateTimeOffset ReferralUpdatedAt { get; init; }
    }
}

/// <summary>A referral's place in its lifecycle and how it got there.</summary>
internal sealed record VisibleStatus(string Status, int Version, DateTimeOffset UpdatedAt, IReadOnlyList<StatusChangeRow> History);
