using System.Globalization;
using Dapper;
using ReferralApi.Domain;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Paging;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Agencies;

internal sealed class AgencyStore(UnitOfWork db, ApiKeyCache keyCache)
{
    private const string Insert = """
        INSERT INTO agencies (id, code, name, sector, region_code, roles, services, accepts_referrals, capacity_status,
                              contact_email, contact_phone, active, created_at, updated_at)
        VALUES (@Id, @Code, @Name, @Sector, @RegionCode, @Roles, @Services, @AcceptsReferrals, @CapacityStatus,
                @ContactEmail, @ContactPhone, @Active, @CreatedAt, @UpdatedAt)
        """;

    private const string Update = """
        UPDATE agencies SET name = @Name, sector = @Sector, region_code = @RegionCode, roles = @Roles, services = @Services,
               accepts_referrals = @AcceptsReferrals, capacity_status = @CapacityStatus, contact_email = @ContactEmail,
               contact_phone = @ContactPhone, active = @Active, updated_at = @UpdatedAt
        WHERE id = @Id
        """;

    private static readonly string SelectById = $"SELECT {AgencyRow.Columns} FROM agencies WHERE id = @Id";

    private const string SelectIdByCode = "SELECT id FROM agencies WHERE code = @Code";

    public Task<AgencyRow?> FindAsync(Guid id, CancellationToken ct) => db.QuerySingleOrDefaultAsync<AgencyRow>(SelectById, new { Id = id }, ct);

    public Task<Guid?> FindIdByCodeAsync(string code, CancellationToken ct) => db.QuerySingleOrDefaultAsync<Guid?>(SelectIdByCode, new { Code = code }, ct);

    public Task InsertAsync(AgencyRow row, CancellationToken ct) => db.ExecuteAsync(Insert, row, ct);

    /// <summary>Inside a transaction: the roles and the active flag decide what the agency's keys may do, so cached key rows go at commit.</summary>
    public Task UpdateAsync(AgencyRow row, CancellationToken ct)
    {
        keyCache.InvalidateAfterCommit(db);
        return db.ExecuteAsync(Update, row, ct);
    }

    /// <summary>The directory, ordered by name then id; filters match the indexed columns or the code lists.</summary>
    public Task<IReadOnlyList<AgencyRow>> ListAsync(AgencyFilter filter, PageRequest page, CancellationToken ct)
    {
        var (sql, args) = BuildQuery(db.Dialect, filter, page);
        return db.QueryAsync<AgencyRow>(sql, args, ct);
    }

    /// <summary>The directory query for one page; separate so the SQL of every filter can be checked without a database.</summary>
    internal static (string Sql, DynamicParameters Args) BuildQuery(SqlDialect dialect, AgencyFilter filter, PageRequest page)
    {
        var where = new List<string>();
        var args = new DynamicParameters();
        if (!filter.IncludeInactive)
        {
            where.Add("active = @Active");
            args.Add("Active", true);
        }

        if (filter.Sector is { } sector)
        {
            where.Add("sector = @Sector");
            args.Add("Sector", Codes.Of(sector));
        }

        if (filter.RegionCode is { } region)
        {
            // An agency serves the region it is registered for and everything inside it. So a place
            // finds the agencies registered there or inside it (61 finds 61.03 and 61.03.21), and
            // those of every region around it (61.01 Sambas finds the provincial agencies of 61).
            var served = RegionHierarchy.SelfAndAncestors(region).Select((code, i) =>
            {
                args.Add("Region" + i.ToString(CultureInfo.InvariantCulture), code);
                return "@Region" + i.ToString(CultureInfo.InvariantCulture);
            });
            where.Add($"(region_code IN ({string.Join(", ", served)}) OR region_code LIKE @RegionPrefix)");
            args.Add("RegionPrefix", region + ".%");
        }

        if (filter.Capacities is { Count: > 0 } capacities)
        {
            var named = capacities.Distinct().Select((capacity, i) =>
            {
                args.Add("Capacity" + i.ToString(CultureInfo.InvariantCulture), Codes.Of(capacity));
                return "@Capacity" + i.ToString(CultureInfo.InvariantCulture);
            });
            where.Add($"capacity_status IN ({string.Join(", ", named)})");
        }

        if (filter.Service is { } service)
        {
            // Codes contain '_', itself a LIKE wildcard, so the code is escaped like free text.
            where.Add("services LIKE @Service ESCAPE '\\'");
            args.Add("Service", "%\"" + EscapeLike(Codes.Of(service)) + "\"%");
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            where.Add("(LOWER(name) LIKE @Text ESCAPE '\\' OR LOWER(code) LIKE @Text ESCAPE '\\')");
            args.Add("Text", "%" + EscapeLike(filter.Text.Trim().ToLowerInvariant()) + "%");
        }

        if (page.After is not null)
        {
            if (page.After is not [var name, var id] || !Guid.TryParse(id, CultureInfo.InvariantCulture, out var afterId))
            {
                throw ApiProblem.Validation("cursor", Messages.Cursor);
            }

            where.Add("(name > @AfterName OR (name = @AfterName AND id > @AfterId))");
            args.Add("AfterName", name);
            args.Add("AfterId", afterId);
        }

        args.Add("Limit", page.Limit + 1);
        var sql = $"""
            SELECT {AgencyRow.Columns} FROM agencies
            {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : string.Empty)}
            ORDER BY name, id
            {dialect.Limit("@Limit")}
            """;
        return (sql, args);
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal);
}

/// <summary>Directory filters of <c>GET /v1/agencies</c>.</summary>
internal sealed record AgencyFilter(
    Sector? Sector, string? RegionCode, Service? Service, string? Text, bool IncludeInactive, IReadOnlyList<CapacityStatus>? Capacities = null);
