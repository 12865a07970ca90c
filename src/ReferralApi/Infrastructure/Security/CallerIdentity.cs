using System.Security.Claims;

namespace ReferralApi.Infrastructure.Security;

/// <summary>
/// An identity that carries its <see cref="Security.Caller"/>, known when a key is authenticated;
/// handlers and the access log ask for it several times per request. It also answers the claim
/// lookups that authorization, rate limiting and the handlers make several times per request
/// (<see cref="FindFirst(string)"/>, <see cref="HasClaim(string, string)"/>) from a list of its own,
/// where <see cref="ClaimsIdentity"/> goes through a new iterator each time; once a claim is
/// removed, they go through <see cref="ClaimsIdentity"/> again.
/// </summary>
internal sealed class CallerIdentity : ClaimsIdentity
{
    private readonly List<Claim> own = [];
    private bool removed;

    public CallerIdentity(IEnumerable<Claim> claims, string authenticationType)
        : base(authenticationType)
    {
        AddClaims(claims);
        Caller = Caller.FromClaims(new ClaimsPrincipal(this));
    }

    /// <summary>An identity whose caller is already known, with claims of (type, value) as the caller's.</summary>
    public CallerIdentity(string authenticationType, Caller caller, IEnumerable<(string Type, string Value)> claims)
        : base(authenticationType)
    {
        foreach (var (type, value) in claims)
        {
            // Made with this identity as their subject, so the base keeps them rather than copies.
            AddClaim(new Claim(type, value, ClaimValueTypes.String, DefaultIssuer, DefaultIssuer, this));
        }

        Caller = caller;
    }

    private CallerIdentity(CallerIdentity other)
        : base(other)
    {
        own.AddRange(Claims);
        removed = other.removed;
        Caller = other.Caller;
    }

    public Caller Caller { get; }

    public override void AddClaim(Claim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var kept = ReferenceEquals(claim.Subject, this) ? claim : claim.Clone(this);
        base.AddClaim(kept);
        own.Add(kept);
    }

    public override void AddClaims(IEnumerable<Claim?> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        foreach (var claim in claims)
        {
            if (claim is not null)
            {
                AddClaim(claim);
            }
        }
    }

    public override bool TryRemoveClaim(Claim? claim)
    {
        removed = true;
        return base.TryRemoveClaim(claim);
    }

    public override void RemoveClaim(Claim? claim)
    {
        removed = true;
        base.RemoveClaim(claim);
    }

    // The same comparisons as ClaimsIdentity's: the type ignoring case, the value exactly.
    public override Claim? FindFirst(string type)
    {
        if (removed)
        {
            return base.FindFirst(type);
        }

        ArgumentNullException.ThrowIfNull(type);
        foreach (var claim in own)
        {
            if (string.Equals(claim.Type, type, StringComparison.OrdinalIgnoreCase))
            {
                return claim;
            }
        }

        return null;
    }

    public override bool HasClaim(string type, string value)
    {
        if (removed)
        {
            return base.HasClaim(type, value);
        }

        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(value);
        foreach (var claim in own)
        {
            if (string.Equals(claim.Type, type, StringComparison.OrdinalIgnoreCase) && string.Equals(claim.Value, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A copy stays a <see cref="CallerIdentity"/>, with the same caller.</summary>
    public override ClaimsIdentity Clone() => new CallerIdentity(this);
}
