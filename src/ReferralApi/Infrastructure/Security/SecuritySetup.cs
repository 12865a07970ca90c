using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using ReferralApi.Infrastructure.Security.Tokens;

namespace ReferralApi.Infrastructure.Security;

internal static class SecuritySetup
{
    public static WebApplicationBuilder AddApiKeySecurity(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName)
            .Validate(o => o.KeyHashes.All(AdminKeys.IsHash), "Every Admin:KeyHashes entry must be the SHA-256 of an admin key in hex (64 characters).")
            .Validate(
                o => development || o.ApiKey is not { Length: > 0 and < AdminOptions.MinimumKeyLength },
                $"Admin:ApiKey must be at least {AdminOptions.MinimumKeyLength} characters outside Development; use a long random value from a secret store.")
            .ValidateOnStart();
        builder.Services.AddSingleton<AdminKeys>();
        builder.Services.AddSingleton<ApiKeyCache>();
        builder.Services.AddScoped<ApiKeyLookup>();
        builder.Services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.SectionName)
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(o.Audience), "Authentication:Jwt:Audience is required when tokens are accepted (Authority or SigningKeysFile).")
            .Validate(o => string.IsNullOrWhiteSpace(o.SigningKeysFile) || o.ValidIssuers.Count > 0, "Authentication:Jwt:ValidIssuers is required with Authentication:Jwt:SigningKeysFile.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.AgencyClaim), "Authentication:Jwt:AgencyClaim must name a claim.")
            .Validate(
                o => string.IsNullOrWhiteSpace(o.SigningKeysFile) || JwtSetup.HasSigningKeys(o.SigningKeysFile),
                "Authentication:Jwt:SigningKeysFile must be a readable JWKS file holding at least one signing key.")
            .ValidateOnStart();
        var jwt = builder.Configuration.GetSection(JwtOptions.SectionName).Get<JwtOptions>() ?? new JwtOptions();
        builder.Services.AddScoped<TokenAgencyLookup>();

        // Keys and tokens share the Bearer header; the selector hands each to its handler by shape.
        builder.Services.AddAuthentication(BearerSchemes.Selector)
            .AddPolicyScheme(BearerSchemes.Selector, "API key or token", o => o.ForwardDefaultSelector = context => BearerSchemes.For(context, jwt.Enabled))
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddTokens(jwt);
        builder.Services.AddSingleton<IAuthorizationHandler>(ScopeRequirement.Instance);
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ScopeRefusal>();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Agency, p => p.RequireRole(Roles.Agency).AddRequirements(ScopeRequirement.Instance))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Oversight, p => p.RequireRole(Roles.Oversight).AddRequirements(ScopeRequirement.Instance))
            .AddPolicy(Policies.Reports, p => p.RequireRole(Roles.Oversight, Roles.Agency).AddRequirements(ScopeRequirement.Instance));
        return builder;
    }
}
