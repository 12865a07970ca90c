using System.Data.Common;
using System.Globalization;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Http;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.AdminAudit;

/// <summary>
/// Records each successful action of the admin on a route marked with <see cref="AdminAuditSetup.AuditedAsAdmin"/>,
/// once the handler has produced its answer and before that answer is written. A read-only view
/// (GET) whose row cannot be written answers 503 instead, so nothing is shown to the admin unrecorded,
/// as with the referral access log. Agency keys on shared routes (their own keys) are not recorded here.
/// </summary>
internal sealed partial class AdminAuditFilter(string action) : IEndpointFilter
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
        var entry = new AdminAuditEntry(clock.Now(), adminKey, action, TargetOf(http, result), status, http.CorrelationId());
        // A change has already committed: a caller who hangs up must not cancel its record. A view
        // that nobody waits for any more need not be recorded, as it is never shown.
        var token = HttpMethods.IsGet(http.Request.Method) ? http.RequestAborted : CancellationToken.None;
        try
        {
            await store.RecordAsync(entry, token);
        }
        catch (DbException e) when (HttpMethods.IsGet(http.Request.Method) && !http.RequestServices.GetRequiredService<Db>().Dialect.IsTransient(e))
        {
            // Transient faults were already retried and end as 503 on their own; anything else ends here.
            NotWritten(http.RequestServices.GetRequiredService<ILogger<AdminAuditFilter>>(), action, e.GetType().FullName ?? "unknown");
            throw new ApiProblem(ProblemCodes.ServiceUnavailable, new LocalizedText(Messages.RetryLater, 1)) { RetryAfter = TimeSpan.FromSeconds(1) };
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The admin audit log could not be written for {Action} ({ExceptionType}); the view was refused")]
    private static partial void NotWritten(ILogger logger, string action, string exceptionType);

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
