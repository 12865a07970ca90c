using ReferralApi.Domain;

namespace ReferralApi.Features.Agencies;

/// <summary>An <c>agencies</c> row as stored; codes and lists are text.</summary>
internal sealed record AgencyRow
{
    public Guid Id { get; init; }

    public string Code { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public string Sector { get; init; } = string.Empty;

    public string RegionCode { get; init; } = string.Empty;

    public string Roles { get; init; } = string.Empty;

    public string Services { get; init; } = string.Empty;

    public bool AcceptsReferrals { get; init; }

    public string CapacityStatus { get; init; } = string.Empty;

    public string? ContactEmail { get; init; }

    public string? ContactPhone { get; init; }

    public bool Active { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public const string Columns = """
        id AS Id, code AS Code, name AS Name, sector AS Sector, region_code AS RegionCode, roles AS Roles,
        services AS Services, accepts_referrals AS AcceptsReferrals, capacity_status AS CapacityStatus,
        contact_email AS ContactEmail, contact_phone AS ContactPhone, active AS Active,
        created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    public AgencyResponse ToResponse() => new(
        Id,
        Code,
        Name,
        Codes.Parse<Sector>(Sector),
        RegionCode,
        Codes.FromJsonList<AgencyRole>(Roles),
        Codes.FromJsonList<Service>(Services),
        AcceptsReferrals,
        Codes.Parse<CapacityStatus>(CapacityStatus),
        new AgencyContact(ContactEmail, ContactPhone),
        Active,
        CreatedAt,
        UpdatedAt);
}
