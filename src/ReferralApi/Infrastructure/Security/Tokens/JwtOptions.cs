namespace ReferralApi.Infrastructure.Security.Tokens;

/// <summary>
/// <c>Authentication:Jwt</c>: bearer tokens from the agencies' OpenID Connect provider, accepted
/// beside API keys. Off unless <see cref="Authority"/> or <see cref="SigningKeysFile"/> is set.
/// </summary>
internal sealed class JwtOptions
{
    public const string SectionName = "Authentication:Jwt";

    /// <summary>The issuer's base address; its signing keys come from OIDC discovery (<c>/.well-known/openid-configuration</c>).</summary>
    public string? Authority { get; set; }

    /// <summary>A JWKS file holding the issuer's public signing keys, for sites without a reachable provider; read at start-up.</summary>
    public string? SigningKeysFile { get; set; }

    /// <summary>The <c>aud</c> a token must carry: this API's client id or identifier at the provider. Required.</summary>
    public string? Audience { get; set; }

    /// <summary>The accepted <c>iss</c> values. Required with a signing-keys file; with an authority, discovery names it.</summary>
    public List<string> ValidIssuers { get; set; } = [];

    /// <summary>The claim carrying the agency's code (<c>UPTD-PPA-KALBAR</c>).</summary>
    public string AgencyClaim { get; set; } = "agency_code";

    /// <summary>Discovery over plain http only for a provider on this machine during development.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The provider's authorization endpoint, published in the OpenAPI document for front-ends.</summary>
    public string? AuthorizationUrl { get; set; }

    /// <summary>The provider's token endpoint, published in the OpenAPI document.</summary>
    public string? TokenUrl { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(SigningKeysFile);
}
