using Microsoft.OpenApi;
using ReferralApi.Infrastructure.Security.Tokens;

namespace ReferralApi.Infrastructure.OpenApi;

/// <summary>
/// Three schemes: <c>bearer</c>, an agency's API key; <c>oauth2</c>, a person's token from the
/// agency's OpenID Connect provider, with the scope each route needs (<see cref="RouteScopes"/>);
/// and <c>adminKey</c>, the administrator's key from configuration. Admin-only routes list only the
/// admin scheme; key management lists the two key schemes; role-bound routes a key or a token with
/// the route's scope; routes open to any valid caller (the directory, <c>/v1/me</c>) all three.
/// </summary>
internal static class SecuritySchemes
{
    public const string Agency = "bearer";
    public const string Token = "oauth2";
    public const string Admin = "adminKey";

    /// <summary>Stand-ins until <c>Authentication:Jwt:AuthorizationUrl</c> and <c>TokenUrl</c> name the provider's endpoints.</summary>
    private const string PlaceholderAuthorizationUrl = "https://sso.example.go.id/realms/referral/protocol/openid-connect/auth";
    private const string PlaceholderTokenUrl = "https://sso.example.go.id/realms/referral/protocol/openid-connect/token";

    public static void Declare(Swashbuckle.AspNetCore.SwaggerGen.SwaggerGenOptions options, JwtOptions jwt)
    {
        options.AddSecurityDefinition(Agency, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An agency's API key (Authorization: Bearer <key>), issued by POST /v1/agencies/{agencyId}/api-keys.",
        });
        var scopes = Scopes.Descriptions.ToDictionary(p => p.Key, p => p.Value);
        options.AddSecurityDefinition(Token, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "A person's access token (a JWT) from the agency's OpenID Connect provider, sent as Authorization: Bearer <token>. "
                + "The token names the agency (claim agency_code unless configured otherwise) and the person (sub). Front-ends use the "
                + "authorization code flow with PKCE (S256); systems may use client credentials. A token without the route's scope gets 403 "
                + "naming it (missingScope). Tokens are checked as RFC8725 recommends: asymmetric algorithms only (never none or HMAC), "
                + "issuer, audience and expiry always. The URLs below are the provider's; ask the operator of this API for them.",
            Flows = new OpenApiOAuthFlows
            {
                AuthorizationCode = new OpenApiOAuthFlow
                {
                    AuthorizationUrl = new Uri(jwt.AuthorizationUrl ?? PlaceholderAuthorizationUrl),
                    TokenUrl = new Uri(jwt.TokenUrl ?? PlaceholderTokenUrl),
                    RefreshUrl = new Uri(jwt.TokenUrl ?? PlaceholderTokenUrl),
                    Scopes = scopes,
                },
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri(jwt.TokenUrl ?? PlaceholderTokenUrl),
                    RefreshUrl = new Uri(jwt.TokenUrl ?? PlaceholderTokenUrl),
                    Scopes = scopes,
                },
            },
        });
        options.AddSecurityDefinition(Admin, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The administrator's key from configuration (Admin:ApiKey), sent as Authorization: Bearer <key>.",
        });
    }

    public static List<OpenApiSecurityRequirement> RequirementsFor(IList<object> metadata, OpenApiDocument document)
    {
        var agency = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Agency, document)] = [] };
        var admin = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Admin, document)] = [] };
        var policies = metadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
        if (policies.Contains(Security.Policies.Admin))
        {
            return [admin];
        }

        if (RouteScopes.KeysOnly([.. metadata]))
        {
            return [agency, admin];
        }

        var scope = RouteScopes.Of([.. metadata]);
        var token = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Token, document)] = scope is null ? [] : [scope] };
        return policies.Count > 0 ? [agency, token] : [agency, token, admin];
    }
}
