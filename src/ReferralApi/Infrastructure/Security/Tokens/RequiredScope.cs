namespace ReferralApi.Infrastructure.Security.Tokens;

/// <summary>
/// Endpoint metadata naming the scope a token needs where <see cref="RouteScopes"/> would derive
/// another, or (with <see cref="KeysOnly"/>) that the route is for keys and never for tokens.
/// </summary>
internal sealed record RequiredScope(string? Scope, bool KeysOnly = false)
{
    /// <summary>Routes that manage API keys: keys are issued to systems by keys (or the admin), never by a person's token.</summary>
    public static readonly RequiredScope NoTokens = new(null, KeysOnly: true);
}
