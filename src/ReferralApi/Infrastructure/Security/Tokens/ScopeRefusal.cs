using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using ReferralApi.Infrastructure.Errors;

namespace ReferralApi.Infrastructure.Security.Tokens;

/// <summary>
/// A token refused only for a missing scope gets 403 naming it (problem extension <c>missingScope</c>
/// and RFC 6750's <c>WWW-Authenticate: Bearer error="insufficient_scope"</c>), so the front-end can
/// ask the person to sign in again with it. Every other outcome goes the usual way.
/// </summary>
internal sealed class ScopeRefusal : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler usual = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var failure = authorizeResult.AuthorizationFailure;
        if (!authorizeResult.Forbidden || failure is null || failure.FailedRequirements.Any(r => r is not ScopeRequirement)
            || failure.FailureReasons.FirstOrDefault(r => r.Handler is ScopeRequirement)?.Message is not { } scope)
        {
            return usual.HandleAsync(next, context, policy, authorizeResult);
        }

        context.Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{scope}\"";
        return ProblemWriter.WriteAsync(context, new ApiProblem(ProblemCodes.Forbidden, new LocalizedText(Messages.MissingScope, scope))
        {
            Extensions = new Dictionary<string, object?> { ["missingScope"] = scope },
        });
    }
}
