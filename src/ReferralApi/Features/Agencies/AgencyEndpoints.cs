using ReferralApi.Features.AdminAudit;
using ReferralApi.Infrastructure.OpenApi;
using ReferralApi.Infrastructure.Security;
using ReferralApi.Infrastructure.Security.Tokens;

namespace ReferralApi.Features.Agencies;

internal static class AgencyEndpoints
{
    public static IEndpointRouteBuilder MapAgencies(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/agencies").WithTags("Agencies and keys");
        group.MapGet("/", ManageAgencies.List).WithName("ListAgencies")
            .WithSummary("The agency directory, filterable by sector, region (also the regions around it), service, capacity and text.")
            .ProducesProblems(400);
        group.MapGet("/{agencyId:guid}", ManageAgencies.Get).WithName("GetAgency")
            .WithSummary("One agency of the directory.")
            .ProducesProblems(404);
        group.MapPost("/", ManageAgencies.Create).WithName("CreateAgency")
            .AuditedAsAdmin("create_agency")
            .WithSummary("Register an agency (admin).")
            .RequireAuthorization(Policies.Admin)
            .AcceptsIdempotencyKey()
            .ProducesProblems(400, 403, 409, 413, 415, 422);
        group.MapPatch("/{agencyId:guid}", ManageAgencies.Update).WithName("UpdateAgency")
            .AuditedAsAdmin("update_agency")
            .WithSummary("Change an agency (admin); absent fields stay as they are.")
            .RequireAuthorization(Policies.Admin)
            .ProducesProblems(400, 403, 404, 413, 415);
        group.MapPost("/{agencyId:guid}/api-keys", ManageApiKeys.Create).WithName("CreateApiKey")
            .WithMetadata(RequiredScope.NoTokens)
            .AuditedAsAdmin("issue_key")
            .WithSummary("Issue a key (admin, or a key of the agency holding the keys permission); the secret is shown once.")
            .WithDescription("Body optional: expiresAt (default one year from now, at most two) and permissions ([\"keys\"] lets the new key "
                + "manage the agency's keys). An agency holds at most ApiKeys:MaxActivePerAgency (10) active keys: beyond, 422 limit-reached.")
            .AcceptsIdempotencyKey()
            .ProducesProblems(400, 403, 404, 413, 415, 422);
        group.MapGet("/{agencyId:guid}/api-keys", ManageApiKeys.List).WithName("ListApiKeys")
            .WithMetadata(RequiredScope.NoTokens)
            .AuditedAsAdmin("list_keys")
            .WithSummary("The agency's keys (admin, or a key holding the keys permission): ids, prefixes, creation, expiry, last use, permissions and creator; never secrets.")
            .ProducesProblems(403, 404);
        group.MapDelete("/{agencyId:guid}/api-keys/{keyId:guid}", ManageApiKeys.Revoke).WithName("RevokeApiKey")
            .WithMetadata(RequiredScope.NoTokens)
            .AuditedAsAdmin("revoke_key")
            .WithSummary("Revoke a key at once, and every key it issued down the chain (admin, or a key holding the keys permission).")
            .ProducesProblems(403, 404);

        app.MapGet("/v1/me", ManageAgencies.Me).WithTags("Agencies and keys").WithName("GetMe")
            .WithSummary("The caller's agency and roles, and for a token the person.");
        app.MapPatch("/v1/me/agency", UpdateOwnAgency.Update).WithTags("Agencies and keys").WithName("UpdateOwnAgency")
            .WithMetadata(new RequiredScope(Scopes.Admin))
            .WithSummary("An agency updates its own capacityStatus and services; absent fields stay as they are.")
            .RequireAuthorization(Policies.Agency)
            .ProducesProblems(400, 403, 413, 415);
        return app;
    }
}
