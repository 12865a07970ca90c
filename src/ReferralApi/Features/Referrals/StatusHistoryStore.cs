using ReferralApi.Domain;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Referrals;

/// <summary>The append-only history of a referral's moves, starting with <c>sent</c>; its free texts are stored sealed.</summary>
internal sealed partial class StatusHistoryStore(UnitOfWork db, PersonalDataCipher cipher)
{
    public const string Insert = """
        INSERT INTO referral_status_changes (id, referral_id, status, at, by_agency_id, reason_code, reason, outcome, note, person_sub, person_name)
        VALUES (@Id, @ReferralId, @Status, @At, @ByAgencyId, @ReasonCode, @Reason, @Outcome, @Note, @PersonSub, @PersonName)
        """;

    public const string SelectByReferral = """
        SELECT id AS Id, referral_id AS ReferralId, status AS Status, at AS At, by_agency_id AS ByAgencyId,
               reason_code AS ReasonCode, reason AS Reason, outcome AS Outcome, note AS Note,
               person_sub AS PersonSub, person_name AS PersonName
        FROM referral_status_changes WHERE referral_id = @ReferralId ORDER BY at, id
        """;

    /// <summary>Retention keeps the moves (statuses, dates, agencies, reason codes) and drops their free texts.</summary>
    public const string EraseHistoryTexts = "UPDATE referral_status_changes SET reason = NULL, outcome = NULL, note = NULL WHERE referral_id = @Id";

    public Task AppendAsync(StatusChangeRow row, CancellationToken ct) => db.ExecuteAsync(Insert, cipher.Seal(row), ct);

    /// <summary>The entry, added to writes that go to the database together.</summary>
    public void AppendIn(StatementBatch writes, StatusChangeRow row) => writes.Add(Insert, cipher.Seal(row));

    /// <summary>The history, oldest first, with its free texts opened.</summary>
    public async Task<IReadOnlyList<StatusChangeRow>> ListAsync(Guid referralId, CancellationToken ct) =>
        [.. (await db.QueryAsync<StatusChangeRow>(SelectByReferral, new { ReferralId = referralId }, ct)).Select(cipher.Open)];

    /// <summary>Part of a referral's erasure, in its transaction.</summary>
    public Task EraseTextsAsync(Guid referralId, CancellationToken ct) => db.ExecuteAsync(EraseHistoryTexts, new { Id = referralId }, ct);
}

/// <summary>One <c>referral_status_changes</c> row (the status read's rows extend it with the referral's own columns).</summary>
internal record StatusChangeRow
{
    public Guid Id { get; init; }

    public Guid ReferralId { get; init; }

    public string Status { get; init; } = string.Empty;

    public DateTimeOffset At { get; init; }

    public Guid ByAgencyId { get; init; }

    public string? ReasonCode { get; init; }

    public string? Reason { get; init; }

    public string? Outcome { get; init; }

    public string? Note { get; init; }

    /// <summary>The person who made the move with a token (<c>sub</c>); null for a key.</summary>
    public string? PersonSub { get; init; }

    /// <summary>Their display name; sealed at rest.</summary>
    public string? PersonName { get; init; }

    public StatusHistoryEntry ToEntry() => new(
        Codes.Parse<ReferralStatus>(Status), At, ByAgencyId,
        ReasonCode is null ? null : Codes.Parse<Domain.ReasonCode>(ReasonCode), Reason, Outcome, ActingPerson.Of(PersonSub, PersonName));
}
