using System.ComponentModel.DataAnnotations;
using ReferralApi.Domain;
using ReferralApi.Infrastructure.Security;
using ReferralApi.Infrastructure.Validation;

namespace ReferralApi.Features.Agencies;

/// <summary>An agency in the directory.</summary>
public sealed record AgencyResponse(
    Guid Id,
    string Code,
    string Name,
    Sector Sector,
    string RegionCode,
    IReadOnlyList<AgencyRole> Roles,
    IReadOnlyList<Service> Services,
    bool AcceptsReferrals,
    CapacityStatus CapacityStatus,
    AgencyContact Contact,
    bool Active,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>How integrators reach the agency's desk (not a victim's data).</summary>
public sealed record AgencyContact(
    [property: MaxLength(AgencyValidator.EmailMax)] string? Email,
    [property: MaxLength(AgencyValidator.PhoneMax)] string? Phone);

/// <summary>Registers an agency (admin).</summary>
public sealed record CreateAgencyRequest(
    [property: Required, MaxLength(AgencyValidator.CodeMax)] string? Code,
    [property: Required, MaxLength(AgencyValidator.NameMax)] string? Name,
    [property: Required] Sector? Sector,
    [property: Required, MaxLength(RegionCodes.MaxLength)] string? RegionCode,
    [property: Required, MinLength(1)] IReadOnlyList<AgencyRole>? Roles,
    IReadOnlyList<Service>? Services,
    bool? AcceptsReferrals,
    CapacityStatus? CapacityStatus,
    AgencyContact? Contact);

/// <summary>Changes an agency (admin); absent fields stay as they are, <c>contact</c> is replaced whole.</summary>
public sealed record UpdateAgencyRequest(
    [property: MaxLength(AgencyValidator.NameMax)] string? Name,
    Sector? Sector,
    [property: MaxLength(RegionCodes.MaxLength)] string? RegionCode,
    [property: MinLength(1)] IReadOnlyList<AgencyRole>? Roles,
    IReadOnlyList<Service>? Services,
    bool? AcceptsReferrals,
    CapacityStatus? CapacityStatus,
    AgencyContact? Contact,
    bool? Active);

/// <summary>
/// What an agency may change about itself (<c>PATCH /v1/me/agency</c>): how much it can take now and
/// what it offers. Absent fields stay as they are; anything else is the admin's to change.
/// </summary>
public sealed record UpdateOwnAgencyRequest(CapacityStatus? CapacityStatus, [property: MinLength(1)] IReadOnlyList<Service>? Services);

/// <summary>
/// <c>POST /v1/agencies/{agencyId}/api-keys</c>, body optional: <c>expiresAt</c> (default one year
/// from now, at most two) and <c>permissions</c> (<c>keys</c>: may manage the agency's keys).
/// </summary>
public sealed record CreateApiKeyRequest(DateTimeOffset? ExpiresAt, IReadOnlyList<string>? Permissions);

/// <summary>A new API key; <c>key</c> is shown only in this answer (null on an idempotent replay) and stored only as a hash.</summary>
public sealed record ApiKeyCreatedResponse(
    Guid Id, string? Key, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, IReadOnlyList<string> Permissions, Guid? CreatedByKeyId);

/// <summary>An API key as listed: never the secret. <c>createdByKeyId</c> is null for a key the admin issued.</summary>
public sealed record ApiKeyResponse(
    Guid Id, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt,
    IReadOnlyList<string> Permissions, Guid? CreatedByKeyId);

/// <summary>
/// The caller: its agency (none for the admin key), roles and key; for a token instead of a key, the
/// person (<c>keyId</c> null) and the token's scopes.
/// </summary>
public sealed record MeResponse(AgencyResponse? Agency, IReadOnlyList<string> Roles, Guid? KeyId, ActingPerson? Person, IReadOnlyList<string>? Scopes);
