using System.Collections.Frozen;
using System.Security.Claims;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.UnitTests.Security;

/// <summary>A key's principal answers claim lookups as <see cref="ClaimsPrincipal"/> would, before and after it is changed.</summary>
public sealed class CallerPrincipalTests
{
    private static readonly (string, string)[] Claims =
    [
        (Caller.AgencyClaim, "6f1c2a52-0000-4000-8000-000000000001"),
        (ClaimTypes.Role, "agency"),
        (Caller.PermissionClaim, "referrals:write"),
    ];

    private static readonly FrozenSet<string> AgencyRole = new[] { "agency" }.ToFrozenSet();

    [Fact]
    public void Lookups_GiveWhatAPlainPrincipalWithTheSameClaimsGives()
    {
        var (caller, plain) = Both();

        foreach (var principal in new[] { caller, plain })
        {
            Assert.Equal("6f1c2a52-0000-4000-8000-000000000001", principal.FindFirst("AGENCY_ID")?.Value);
            Assert.Null(principal.FindFirst(Caller.PersonClaim));
            Assert.True(principal.HasClaim(Caller.PermissionClaim.ToUpperInvariant(), "referrals:write"));
            Assert.False(principal.HasClaim(Caller.PermissionClaim, "REFERRALS:WRITE"));
            Assert.True(principal.IsInRole("agency"));
            Assert.False(principal.IsInRole("admin"));
            Assert.Equal("ApiKey", principal.Identity?.AuthenticationType);
            Assert.True(principal.Identity?.IsAuthenticated);
        }

        Assert.Equal(plain.Claims.Select(c => (c.Type, c.Value)), caller.Claims.Select(c => (c.Type, c.Value)));
        Assert.All(caller.Claims, c => Assert.Same(caller.Identity, c.Subject));
    }

    [Fact]
    public void AClaimAddedOrRemoved_AndAnotherIdentity_AreSeenByTheLookups()
    {
        var (principal, _) = Both();
        var identity = (CallerIdentity)principal.Identity!;

        identity.AddClaim(new Claim(ClaimTypes.Role, "oversight"));
        Assert.True(principal.IsInRole("oversight"));

        identity.RemoveClaim(identity.FindFirst(Caller.PermissionClaim));
        Assert.False(principal.HasClaim(Caller.PermissionClaim, "referrals:write"));

        principal.AddIdentity(new ClaimsIdentity([new Claim(Caller.PersonClaim, "p-1"), new Claim(ClaimTypes.Role, "admin")], "Other"));
        Assert.Equal("p-1", principal.FindFirst(Caller.PersonClaim)?.Value);
        Assert.True(principal.IsInRole("admin"));
        Assert.Same(identity, principal.Identity);
    }

    [Fact]
    public void ACopy_KeepsTheCallerAndTheClaims()
    {
        var (principal, _) = Both();
        var copy = (CallerIdentity)((CallerIdentity)principal.Identity!).Clone();

        Assert.Same(((CallerIdentity)principal.Identity!).Caller, copy.Caller);
        Assert.True(copy.HasClaim(ClaimTypes.Role, "agency"));
        Assert.Same(copy, copy.FindFirst(Caller.AgencyClaim)!.Subject);
    }

    private static (ClaimsPrincipal Caller, ClaimsPrincipal Plain) Both()
    {
        var caller = new Caller(Guid.Parse("6f1c2a52-0000-4000-8000-000000000001"), Guid.NewGuid(), AgencyRole);
        var identity = new CallerIdentity("ApiKey", caller, Claims);
        var plain = new ClaimsPrincipal(new ClaimsIdentity(Claims.Select(c => new Claim(c.Item1, c.Item2)), "ApiKey"));
        return (new CallerPrincipal(identity), plain);
    }
}
