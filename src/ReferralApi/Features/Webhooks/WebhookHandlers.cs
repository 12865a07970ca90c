using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ReferralApi.Features.Agencies;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Idempotency;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Paging;
using ReferralApi.Infrastructure.Security;
using ReferralApi.Infrastructure.Security.Encryption;

namespace ReferralApi.Features.Webhooks;

/// <summary><c>/v1/webhooks</c>: an agency's own subscriptions; another agency's are not found.</summary>
internal static class WebhookHandlers
{
    /// <summary>The secret exists in clear only in this answer; a replay of the same Idempotency-Key answers with <c>secret: null</c>.</summary>
    public static async Task<Created<WebhookCreatedResponse>> Create(
        CreateWebhookRequest request, HttpContext http, ClaimsPrincipal user, WebhookUrlValidator urls, IdempotencyKeys idempotency, UnitOfWork unit,
        WebhookSubscriptionStore store, AgencyWriteLock writeLock, KeyRing keyRing, IOptions<WebhookOptions> options, TimeProvider clock, CancellationToken ct)
    {
        WebhookValidator.Validate(request);
        await WebhookValidator.RequireAllowedUrlAsync(urls, request.Url!, ct);
        var caller = Caller.From(user);
        await using var claim = await idempotency.ClaimAsync(http, caller, request, ct);
        if (claim.Replay is { } replay)
        {
            var replayed = await store.FindOwnedAsync(replay.ResourceId, caller.Agency, ct) ?? throw ApiProblem.NotFound();
            return Answer(replayed, null, clock);
        }

        var secret = WebhookSecret.Generate();
        var created = await unit.InTransactionAsync(async token =>
        {
            await writeLock.TakeAsync(caller.Agency, token);
            var limit = options.Value.MaxSubscriptionsPerAgency;
            if (await store.CountOwnedAsync(caller.Agency, token) >= limit)
            {
                throw new ApiProblem(ProblemCodes.LimitReached, new LocalizedText(Messages.WebhookLimit, limit));
            }

            var now = clock.Now();
            var id = Guid.CreateVersion7();
            var row = new WebhookSubscriptionRow
            {
                Id = id,
                AgencyId = caller.Agency,
                Url = request.Url!,
                Description = request.Description,
                EventTypes = EventTypeFilter.Encode(request.EventTypes),
                Status = WebhookStatus.Active,
                Secret = keyRing.Protect(secret, WebhookSecret.Context(id, WebhookSecret.CurrentColumn)),
                CreatedAt = now,
                UpdatedAt = now,
            };
            await store.InsertAsync(row, token);
            await claim.CompleteAsync(new IdempotentOutcome(StatusCodes.Status201Created, id), token);
            return row;
        }, ct);

        // Answered from what was written: nothing is read back.
        return Answer(created, secret, clock);
    }

    public static async Task<Ok<Page<WebhookResponse>>> List(ClaimsPrincipal user, WebhookSubscriptionStore store, TimeProvider clock, string? limit, string? cursor, CancellationToken ct)
    {
        var page = PageRequest.Parse(limit, cursor);
        var (afterAt, afterId) = InstantIdCursor.Decode(page);
        var rows = await store.ListOwnedAsync(Caller.From(user).Agency, page.Limit, afterAt, afterId, ct);
        var now = clock.Now();
        var items = rows.Take(page.Limit).Select(r => r.ToResponse(now)).ToList();
        var next = rows.Count > page.Limit ? InstantIdCursor.Encode(items[^1].CreatedAt, items[^1].Id) : null;
        return TypedResults.Ok(new Page<WebhookResponse>(items, next));
    }

    public static async Task<Ok<WebhookResponse>> Get(Guid id, ClaimsPrincipal user, WebhookSubscriptionStore store, TimeProvider clock, CancellationToken ct)
    {
        var row = await store.FindOwnedAsync(id, Caller.From(user).Agency, ct) ?? throw ApiProblem.NotFound();
        return TypedResults.Ok(row.ToResponse(clock.Now()));
    }

    public static async Task<Ok<WebhookResponse>> Update(
        Guid id, UpdateWebhookRequest request, ClaimsPrincipal user, WebhookUrlValidator urls, UnitOfWork unit, WebhookSubscriptionStore store, TimeProvider clock, CancellationToken ct)
    {
        WebhookValidator.Validate(request);
        if (request.Url is not null)
        {
            await WebhookValidator.RequireAllowedUrlAsync(urls, request.Url, ct);
        }

        var agency = Caller.From(user).Agency;
        var updated = await unit.InTransactionAsync(async token =>
        {
            var row = await store.FindOwnedAsync(id, agency, token) ?? throw ApiProblem.NotFound();
            var (status, reason) = request.Active switch
            {
                true => (WebhookStatus.Active, (string?)null),
                false => (WebhookStatus.Disabled, WebhookStatus.ReasonDisabledByAgency),
                null => (row.Status, row.StatusReason),
            };
            var changed = row with
            {
                Url = request.Url ?? row.Url,
                Description = request.Description ?? row.Description,
                EventTypes = request.EventTypes is { } types ? EventTypeFilter.Encode(types) : row.EventTypes,
                Status = status,
                StatusReason = reason,
                UpdatedAt = clock.Now(),
            };
            await store.UpdateAsync(changed, token);
            return changed;
        }, ct);
        return TypedResults.Ok(updated.ToResponse(clock.Now()));
    }

    /// <summary>Removes the subscription and its delivery log; deliveries not yet sent are dropped.</summary>
    public static async Task<NoContent> Delete(Guid id, ClaimsPrincipal user, WebhookSubscriptionStore store, CancellationToken ct)
    {
        if (!await store.DeleteOwnedAsync(id, Caller.From(user).Agency, ct))
        {
            throw ApiProblem.NotFound();
        }

        return TypedResults.NoContent();
    }

    private static Created<WebhookCreatedResponse> Answer(WebhookSubscriptionRow row, string? secret, TimeProvider clock) =>
        TypedResults.Created($"/v1/webhooks/{row.Id}", row.ToCreated(secret, clock.Now()));
}
