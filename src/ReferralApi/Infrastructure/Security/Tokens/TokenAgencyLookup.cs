using Dapper;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Infrastructure.Security.Tokens;

/// <summary>The agency a token names by its code: one small read per request, no caching, so deactivation is immediate.</summary>
internal sealed class TokenAgencyLookup(Db db)
{
    private const string SelectByCode = "SELECT id AS Id, roles AS Roles, active AS Active FROM agencies WHERE code = @Code";

    public Task<AgencyRow?> FindAsync(string code, CancellationToken ct) =>
        db.ReadAsync((connection, token) => connection.QuerySingleOrDefaultAsync<AgencyRow>(
            new CommandDefinition(SelectByCode, new { Code = code }, cancellationToken: token)), ct);

    internal sealed record AgencyRow
    {
        public Guid Id { get; init; }

        public string Roles { get; init; } = "[]";

        public bool Active { get; init; }
    }
}
