using System.Security.Claims;

namespace ReferralApi.Infrastructure.Security;

/// <summary>
/// The person who acted, when the request carried a token: the provider's subject id (<c>sub</c>)
/// and display name (<c>name</c>, when the token has one). Requests made with an API key have none.
/// Personal data of staff: recorded in the access log, status history, notes and admin audit log
/// (the name sealed), shown to the parties of the referral, never put in events, webhooks or logs.
/// </summary>
public sealed record ActingPerson(string Sub, string? Name)
{
    internal static ActingPerson? From(ClaimsPrincipal user) =>
        user.FindFirst(Caller.PersonClaim)?.Value is { } sub ? new ActingPerson(sub, user.FindFirst(Caller.PersonNameClaim)?.Value) : null;

    /// <summary>The person as stored: no subject id, no person.</summary>
    internal static ActingPerson? Of(string? sub, string? name) => sub is null ? null : new ActingPerson(sub, name);
}
