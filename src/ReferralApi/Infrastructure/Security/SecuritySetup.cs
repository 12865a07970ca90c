using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace ReferralApi.Infrastructure.Security;

internal static class SecuritySetup
{
    public static WebApplicationBuilder AddApiKeySecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName);
        builder.Services.AddSingleton<ApiKeyLookup>();
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
