using System.Globalization;
using ReferralApi.Infrastructure.Http;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.AdminAudit;

/// <summary>
/// Records each successful action of the admin on a route marked with <see cref="AdminAuditSetup.AuditedAsAdmin"/>,
/// once the handler has answered. Agency keys on shared routes (their own keys) are not recorded here.
/// </summary>
internal sealed class AdminAuditFilter(string action) : IEndpointFilter
{
    private static readonly string[] TargetRouteValues = ["keyId", "agencyId", "id"];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        if (http.User.FindFirst(Caller.AdminKeyClaim)?.Value is not { } adminKey)
        {
            return result;
        }

        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        var store = http.RequestServices.GetRequiredService<AdminAuditStore>();
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        await store.RecordAsync(new AdminAuditEntry(clock.Now(), adminKey, action, TargetOf(http, result), status, http.CorrelationId()), http.RequestAborted);
        return result;
    }

    /// <summary>The new resource for a create (from its Location), else the most specific id in the route.</summary>
    private static Guid? TargetOf(HttpContext http, object? result)
    {
        if (result is IResult and { } created && created.GetType().GetProperty("Location")?.GetValue(created) is string location
            && Guid.TryParse(location[(location.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture, out var createdId))
        {
            return createdId;
        }

        foreach (var name in TargetRouteValues)
        {
            if (http.Request.RouteValues.TryGetValue(name, out var value) && Guid.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture, out var id))
            {
                return id;
            }
        }

        return null;
    }
}
