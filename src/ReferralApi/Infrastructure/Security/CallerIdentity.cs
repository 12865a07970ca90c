using System.Security.Claims;

namespace ReferralApi.Infrastructure.Security;

/// <summary>
/// An identity that carries its <see cref="Security.Caller"/>, known when a key is authenticated;
/// handlers and the access log ask for it several times per request.
/// </summary>
internal sealed class CallerIdentity : ClaimsIdentity
{
    public CallerIdentity(IEnumerable<Claim> claims, string authenticationType)
        : base(claims, authenticationType) =>
        Caller = Caller.FromClaims(new ClaimsPrincipal(this));

    /// <summary>An identity whose caller is already known, as the claims would give it.</summary>
    public CallerIdentity(IEnumerable<Claim> claims, string authenticationType, Caller caller)
        : base(claims, authenticationType) =>
        Caller = caller;

    private CallerIdentity(CallerIdentity other)
        : base(other) =>
        Caller = other.Caller;

    public Caller Caller { get; }

    /// <summary>A copy stays a <see cref="CallerIdentity"/>, with the same caller.</summary>
    public override ClaimsIdentity Clone() => new CallerIdentity(this);
}
