using Dapper;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Referrals;

/// <summary>The batch import's look-up of what a sender already sent, by its own references.</summary>
internal sealed partial class ReferralStore
{
    /// <summary>The sender's referrals carrying any of <paramref name="references"/>, personal fields opened, by reference.</summary>
    public async Task<IReadOnlyDictionary<string, ReferralRow>> FindSentByExternalReferencesAsync(Guid sender, IReadOnlyCollection<string> references, CancellationToken ct)
    {
        if (references.Count == 0)
        {
            return new Dictionary<string, ReferralRow>(StringComparer.Ordinal);
        }

        var (sql, args) = BuildExternalReferenceQuery(db.Dialect, sender, references);
        var rows = await db.QueryAsync<ReferralRow>(sql, args, ct);
        return rows.ToDictionary(row => row.ExternalReference!, cipher.Open, StringComparer.Ordinal);
    }

    /// <summary>Over ux_referrals_external_reference (from_agency_id, external_reference).</summary>
    internal static (string Sql, DynamicParameters Args) BuildExternalReferenceQuery(SqlDialect dialect, Guid sender, IReadOnlyCollection<string> references)
    {
        var args = new DynamicParameters();
        args.Add("Sender", sender);
        var sql = $"""
            SELECT {ReferralRow.Columns} FROM referrals
            WHERE from_agency_id = @Sender AND {dialect.InList(args, "external_reference", "References", references)}
            """;
        return (sql, args);
    }
}
