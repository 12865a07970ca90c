using System.Globalization;
using Dapper;
using ReferralApi.Domain;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Reports;

/// <summary>
/// Runs the report's two queries on one connection and hands back plain figures. The counts come
/// grouped from SQL (one row per combination of codes, not per referral); the milestones are
/// streamed unbuffered into a <see cref="DurationTally"/>, so no row per referral is held.
/// </summary>
internal sealed class ReportReader(UnitOfWork db)
{
    private static readonly int ViolenceTypeCount = Enum.GetValues<ViolenceType>().Length;
    private static readonly int ServiceCount = Enum.GetValues<Service>().Length;

    public Task<(IReadOnlyList<CubeRow> Cube, DurationTally Durations)> ReadAsync(ReportFilter filter, DateTimeOffset now, CancellationToken ct)
    {
        var (cubeSql, cubeArgs) = ReportQuery.Cube(db.Dialect, filter, now);
        var (milestoneSql, milestoneArgs) = ReportQuery.Milestones(filter);
        return db.ReadAsync(async token =>
        {
            var rows = await db.QueryAsync<dynamic>(cubeSql, cubeArgs, token);
            // PostgreSQL folds unquoted aliases to lower case; the typed mappings ignore case, so this does too.
            var cube = rows.Cast<IDictionary<string, object?>>()
                .Select(row => ToCubeRow(new Dictionary<string, object?>(row, StringComparer.OrdinalIgnoreCase)))
                .ToList();
            var durations = new DurationTally();
            await foreach (var milestone in db.QueryUnbufferedAsync<Milestone>(milestoneSql, milestoneArgs, token))
            {
                durations.Add(milestone);
            }

            return ((IReadOnlyList<CubeRow>)cube, durations);
        }, ct);
    }

    private static CubeRow ToCubeRow(Dictionary<string, object?> row) => new(
        (string)row["Status"]!,
        (string)row["Urgency"]!,
        (string)row["SenderSector"]!,
        (string)row["RecipientSector"]!,
        row["Region"] as string,
        ((string)row["Month"]!).Trim(),
        Number(row["Referrals"]),
        Number(row["AwaitingLate"]),
        [.. Enumerable.Range(0, ViolenceTypeCount).Select(i => Number(row[ReportQuery.ViolenceTypeColumn + i.ToString(CultureInfo.InvariantCulture)]))],
        [.. Enumerable.Range(0, ServiceCount).Select(i => Number(row[ReportQuery.ServiceColumn + i.ToString(CultureInfo.InvariantCulture)]))]);

    // COUNT and SUM come back as int, long or decimal depending on the engine.
    private static long Number(object? value) => value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
}

/// <summary>
/// One group of the report's GROUP BY: referrals sharing status, urgency, sectors, region and month;
/// the arrays count, per code in enum order, the referrals naming that violence type or service.
/// </summary>
internal sealed record CubeRow(
    string Status,
    string Urgency,
    string SenderSector,
    string RecipientSector,
    string? Region,
    string Month,
    long Referrals,
    long AwaitingLate,
    long[] ViolenceTypes,
    long[] Services);

/// <summary>When one referral was sent, was due, and was first acknowledged and answered.</summary>
internal sealed record Milestone
{
    public DateTimeOffset SentAt { get; init; }

    public DateTimeOffset RespondBy { get; init; }

    public DateTimeOffset? ReceivedAt { get; init; }

    public DateTimeOffset? AnsweredAt { get; init; }
}
