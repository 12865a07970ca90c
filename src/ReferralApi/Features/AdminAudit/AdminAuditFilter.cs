using System.Data.Common;
using System.Globalization;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Http;
using ReferralApi.Infrastructure.Idempotency;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.OpenApi;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.AdminAudit;

/// <summary>
/// Records each action of the admin on a route marked with <see cref="AdminAuditSetup.AuditedAsAdmin"/>
/// that the handler answers (a handler that throws, refusing the action, records nothing). A change
/// runs in a transaction opened here, which the handler's own joins, so the change and its row
/// commit together or not at all. A read-only view (GET) is recorded once the handler has produced
/// its answer and before that answer is written; one whose row cannot be written answers 503
/// instead, so nothing is shown to the admin unrecorded, as with the referral access log. Agency
/// keys on shared routes (their own keys) are not recorded here.
/// </summary>
internal sealed partial class AdminAuditFilter(string action) : IEndpointFilter
{
    private static readonly string[] TargetRouteValues = ["keyId", "agencyId", "id"];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.FindFirst(Caller.AdminKeyClaim)?.Value is not { } adminKey)
        {
            return await next(context);
        }

        var store = http.RequestServices.GetRequiredService<AdminAuditStore>();
        if (HttpMethods.IsGet(http.Request.Method))
        {
            // A view that nobody waits for any more need not be recorded, as it is never shown.
            var shown = await next(context);
            await RecordOrRefuseAsync(http, store, Entry(http, adminKey, shown), http.RequestAborted);
            return shown;
        }

        if (http.Request.Headers.ContainsKey(IdempotencyKeys.HeaderName) && http.GetEndpoint()?.Metadata.GetMetadata<IdempotentRouteMetadata>() is not null)
        {
            // The key's claim must commit on its own before the change (a duplicate then sees "in use"
            // instead of waiting, and a replay's failed insert does not abort a transaction), so no
            // transaction is opened here. The row is written inside the change's own transaction as
            // the claim completes; a replay, which changes nothing, is recorded after it answers.
            var recorded = false;
            http.RequestServices.GetRequiredService<IdempotencyCompletion>().OnComplete(async (outcome, token) =>
            {
                var clock = http.RequestServices.GetRequiredService<TimeProvider>();
                await RecordOrRefuseAsync(http, store, new AdminAuditEntry(clock.Now(), adminKey, action, outcome.ResourceId, outcome.Status, http.CorrelationId(), ActingPerson.From(http.User)), token);
                recorded = true;
            });
            var answered = await next(context);
            if (!recorded)
            {
                await store.RecordAsync(Entry(http, adminKey, answered), CancellationToken.None);
            }

            return answered;
        }

        var unit = http.RequestServices.GetRequiredService<UnitOfWork>();
        return await unit.InTransactionAsync(async token =>
        {
            var result = await next(context);
            await RecordOrRefuseAsync(http, store, Entry(http, adminKey, result), token);
            return result;
        }, http.RequestAborted);
    }

    /// <summary>Writes the row; when it cannot be written, the view or change is refused with 503.</summary>
    private async Task RecordOrRefuseAsync(HttpContext http, AdminAuditStore store, AdminAuditEntry entry, CancellationToken ct)
    {
        try
        {
            await store.RecordAsync(entry, ct);
        }
        catch (DbException e) when (!http.RequestServices.GetRequiredService<UnitOfWork>().Dialect.IsTransient(e))
        {
            // Transient faults are retried (a change's whole transaction with them) and end as 503 on their own; anything else ends here.
            NotWritten(http.RequestServices.GetRequiredService<ILogger<AdminAuditFilter>>(), action, e.GetType().FullName ?? "unknown");
            throw new ApiProblem(ProblemCodes.ServiceUnavailable, new LocalizedText(Messages.RetryLater, 1)) { RetryAfter = TimeSpan.FromSeconds(1) };
        }
    }

    private AdminAuditEntry Entry(HttpContext http, string adminKey, object? result)
    {
        var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        return new AdminAuditEntry(clock.Now(), adminKey, action, TargetOf(http, result), status, http.CorrelationId(), ActingPerson.From(http.User));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The admin audit log could not be written for {Action} ({ExceptionType}); the request was refused")]
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
