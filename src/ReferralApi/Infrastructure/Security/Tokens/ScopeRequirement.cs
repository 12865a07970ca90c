using Microsoft.AspNetCore.Authorization;

namespace ReferralApi.Infrastructure.Security.Tokens;

/// <summary>
/// Part of every role policy: a token must hold the scope its route needs (<see cref="RouteScopes"/>).
/// Keys pass: they carry no scopes. A failure names the missing scope for the 403 answer.
/// </summary>
internal sealed class ScopeRequirement : AuthorizationHandler<ScopeRequirement>, IAuthorizationRequirement
{
    public static readonly ScopeRequirement Instance = new();

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return Task.CompletedTask;
        }

        if (!Caller.IsToken(context.User))
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }

        var metadata = (context.Resource as HttpContext)?.GetEndpoint()?.Metadata ?? new EndpointMetadataCollection();
        if (RouteScopes.KeysOnly(metadata))
        {
            return Task.CompletedTask;
        }

        if (RouteScopes.Of(metadata) is not { } scope || context.User.HasClaim(Caller.ScopeClaim, scope))
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this, scope));
        }

        return Task.CompletedTask;
    }
}
