using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Infrastructure.Security.Tokens;

/// <summary>
/// The agency a token names by its code: one small read on the request's own connection, no
/// caching, so deactivation is immediate.
/// </summary>
internal sealed class TokenAgencyLookup(UnitOfWork db)
{
    private const string SelectByCode = "SELECT id AS Id, roles AS Roles, active AS Active FROM agencies WHERE code = @Code";

    public Task<AgencyRow?> FindAsync(string code, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<AgencyRow>(SelectByCode, new { Code = code }, ct);

    internal sealed record AgencyRow
    {
        public Guid Id { get; init; }

        public string Roles { get; init; } = "[]";

        public bool Active { get; init; }
    }
}
