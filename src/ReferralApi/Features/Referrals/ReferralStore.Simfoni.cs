using Dapper;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Referrals;

/// <summary>The SIMFONI-PPA report's read: the referrals of the cases that began in a month, case by case.</summary>
internal sealed partial class ReferralStore
{
    /// <summary>
    /// Every referral in scope (<paramref name="agency"/> a party, or all when null) sent before
    /// <paramref name="to"/> of each case whose first referral in scope was sent in [<paramref name="from"/>,
    /// <paramref name="to"/>), ordered by case and then as sent; the birth date opened, nothing else personal read.
    /// </summary>
    public async IAsyncEnumerable<SimfoniReferral> SimfoniMonthAsync(
        Guid? agency, DateTimeOffset from, DateTimeOffset to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var (sql, args) = BuildSimfoniQuery(agency, from, to);
        await foreach (var row in db.QueryUnbufferedAsync<SimfoniReferral>(sql, args, ct))
        {
            yield return row with { SubjectBirthDate = cipher.Open(PersonalDataCipher.Referrals, row.Id, "subject_birth_date", row.SubjectBirthDate) };
        }
    }

    internal static (string Sql, DynamicParameters Args) BuildSimfoniQuery(Guid? agency, DateTimeOffset from, DateTimeOffset to)
    {
        var args = new DynamicParameters();
        args.Add("From", from);
        args.Add("To", to);
        var scope = "1 = 1";
        if (agency is { } party)
        {
            scope = "(from_agency_id = @Agency OR to_agency_id = @Agency)";
            args.Add("Agency", party);
        }

        var sql = $"""
            SELECT id AS Id, case_id AS CaseId, created_at AS CreatedAt, status AS Status, violence_types AS ViolenceTypes,
                   services_requested AS ServicesRequested, incident_place AS IncidentPlace, subject_sex AS SubjectSex,
                   subject_birth_date AS SubjectBirthDate, subject_age_years AS SubjectAgeYears
            FROM referrals
            WHERE {scope} AND created_at < @To AND case_id IN (
                SELECT case_id FROM referrals WHERE {scope}
                GROUP BY case_id HAVING MIN(created_at) >= @From AND MIN(created_at) < @To)
            ORDER BY case_id, created_at, id
            """;
        return (sql, args);
    }
}

/// <summary>What the SIMFONI-PPA report needs of one referral: codes, and the subject's age at most.</summary>
internal sealed record SimfoniReferral
{
    public Guid Id { get; init; }

    public Guid CaseId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public string Status { get; init; } = string.Empty;

    public string ViolenceTypes { get; init; } = "[]";

    public string ServicesRequested { get; init; } = "[]";

    public string? IncidentPlace { get; init; }

    public string SubjectSex { get; init; } = string.Empty;

    public string? SubjectBirthDate { get; init; }

    public int? SubjectAgeYears { get; init; }
}
