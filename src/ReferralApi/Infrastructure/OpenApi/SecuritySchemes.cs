using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Infrastructure.OpenApi;

/// <summary>
/// Two bearer schemes: <c>bearer</c>, an agency's API key, and <c>adminKey</c>, the administrator's
/// key from configuration. Admin-only routes list only the admin scheme, role-bound routes only the
/// agency scheme, and routes open to any valid key (the directory, <c>/v1/me</c>, API keys) both.
/// </summary>
internal static class SecuritySchemes
{
    public const string Agency = "bearer";
    public const string Admin = "adminKey";

    public static void Declare(Swashbuckle.AspNetCore.SwaggerGen.SwaggerGenOptions options)
    {
        options.AddSecurityDefinition(Agency, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An agency's API key (Authorization: Bearer <key>), issued by POST /v1/agencies/{agencyId}/api-keys.",
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
        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var agency = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Agency, document)] = [] };
        var admin = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Admin, document)] = [] };
        if (policies.Contains(Policies.Admin))
        {
            return [admin];
        }

        return policies.Count > 0 ? [agency] : [agency, admin];
    }
}
