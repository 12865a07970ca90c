using System.Security.Claims;
using System.Security.Principal;

namespace ReferralApi.Infrastructure.Security;

/// <summary>
/// The principal of a key: one <see cref="CallerIdentity"/>, whose lookups it answers directly.
/// <see cref="ClaimsPrincipal"/> walks its identities through a new enumerator for each of them
/// (<see cref="Identity"/> alone is asked for several times per request). Once another identity is
/// added, everything goes through <see cref="ClaimsPrincipal"/> again.
/// </summary>
internal sealed class CallerPrincipal(CallerIdentity caller) : ClaimsPrincipal(caller)
{
    private bool extended;

    public override IIdentity? Identity => extended ? base.Identity : caller;

    public override Claim? FindFirst(string type) => extended ? base.FindFirst(type) : caller.FindFirst(type);

    public override bool HasClaim(string type, string value) => extended ? base.HasClaim(type, value) : caller.HasClaim(type, value);

    public override bool IsInRole(string role) => extended ? base.IsInRole(role) : caller.HasClaim(caller.RoleClaimType, role);

    public override void AddIdentity(ClaimsIdentity identity)
    {
        extended = true;
        base.AddIdentity(identity);
    }

    public override void AddIdentities(IEnumerable<ClaimsIdentity> identities)
    {
        extended = true;
        base.AddIdentities(identities);
    }
}
