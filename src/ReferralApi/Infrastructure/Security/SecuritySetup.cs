using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

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
        builder.Services.AddScoped<ApiKeyLookup>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Agency, p => p.RequireRole(Roles.Agency))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Oversight, p => p.RequireRole(Roles.Oversight))
            .AddPolicy(Policies.Reports, p => p.RequireRole(Roles.Oversight, Roles.Agency));
        return builder;
    }
}
