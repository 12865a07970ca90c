using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Idempotency;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Paging;
using ReferralApi.Infrastructure.Security;
using ReferralApi.Infrastructure.Security.Encryption;

namespace ReferralApi.Features.Webhooks;

/// <summary>Secret rotation, pings, the delivery log and redelivery of one of the caller's webhooks.</summary>
internal static class WebhookActions
{
    /// <summary>
    /// A new secret signs from now on; the one it replaces keeps signing too for
    /// <c>Webhooks:SecretOverlap</c>, so the receiver can switch without losing a delivery.
    /// </summary>
    public static async Task<Ok<WebhookSecretResponse>> RotateSecret(
        Guid id, HttpContext http, ClaimsPrincipal user, IdempotencyKeys idempotency, UnitOfWork unit, WebhookSubscriptionStore store,
        KeyRing keyRing, IOptions<WebhookOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        await using var claim = await idempotency.ClaimAsync(http, caller, null, ct);
        if (claim.Replay is { } replay)
        {
            // The secret was shown once, in the first answer.
            var current = await store.FindOwnedAsync(replay.ResourceId, caller.Agency, ct) ?? throw ApiProblem.NotFound();
            return TypedResults.Ok(new WebhookSecretResponse(current.Id, null, current.OverlapEnd(clock.Now())));
        }

        var secret = WebhookSecret.Generate();
        var rotated = await unit.InTransactionAsync(async token =>
        {
            var row = await store.FindOwnedAsync(id, caller.Agency, token) ?? throw ApiProblem.NotFound();
            var now = clock.Now();
            var previous = ReadableSecret(keyRing, row);
            var changed = row with
            {
                Secret = keyRing.Protect(secret, WebhookSecret.Context(id, WebhookSecret.CurrentColumn)),
                PreviousSecret = previous is null ? null : keyRing.Protect(previous, WebhookSecret.Context(id, WebhookSecret.PreviousColumn)),
                PreviousSecretExpiresAt = previous is null ? null : now + options.Value.SecretOverlap,
                UpdatedAt = now,
            };
            await store.UpdateAsync(changed, token);
            await claim.CompleteAsync(new IdempotentOutcome(StatusCodes.Status200OK, id), token);
            return changed;
        }, ct);

        // Answered from what was written: nothing is read back.
        return TypedResults.Ok(new WebhookSecretResponse(rotated.Id, secret, rotated.OverlapEnd(clock.Now())));
    }

    /// <summary>Queues a <c>webhook.ping</c> delivery, signed and retried like any other.</summary>
    public static async Task<Accepted<WebhookDeliveryResponse>> Ping(
        Guid id, HttpContext http, ClaimsPrincipal user, IdempotencyKeys idempotency, UnitOfWork unit, WebhookSubscriptionStore store,
        WebhookOutbox outbox, WebhookDeliveryStore deliveries, PingLimiter pings, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        pings.Take(caller.Agency);
        await using var claim = await idempotency.ClaimAsync(http, caller, null, ct);
        if (claim.Replay is { } replay)
        {
            return await AcceptedAsync(id, replay.ResourceId, deliveries, ct);
        }

        var pingId = await unit.InTransactionAsync(async token =>
        {
            var row = await store.FindOwnedAsync(id, caller.Agency, token) ?? throw ApiProblem.NotFound();
            var pingId = Guid.CreateVersion7();
            await outbox.EnqueueOneAsync(row, pingId, WebhookStatus.PingType, clock.Now(), token);
            await claim.CompleteAsync(new IdempotentOutcome(StatusCodes.Status202Accepted, pingId), token);
            return pingId;
        }, ct);
        return await AcceptedAsync(id, pingId, deliveries, ct);
    }

    /// <summary>The webhook's deliveries, newest first.</summary>
    public static async Task<Ok<Page<WebhookDeliveryResponse>>> ListDeliveries(
        Guid id, ClaimsPrincipal user, WebhookSubscriptionStore store, WebhookDeliveryStore deliveries, string? limit, string? cursor, CancellationToken ct)
    {
        var page = PageRequest.Parse(limit, cursor);
        long? before = null;
        if (page.After is not null)
        {
            if (page.After is not [var seq] || !long.TryParse(seq, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                throw ApiProblem.Validation("cursor", Messages.Cursor);
            }

            before = parsed;
        }

        _ = await store.FindOwnedAsync(id, Caller.From(user).Agency, ct) ?? throw ApiProblem.NotFound();
        var rows = await deliveries.ListAsync(id, page.Limit, before, ct);
        var shown = rows.Take(page.Limit).ToList();
        var next = rows.Count > page.Limit ? Cursor.Encode(shown[^1].Seq.ToString(CultureInfo.InvariantCulture)) : null;
        return TypedResults.Ok(new Page<WebhookDeliveryResponse>([.. shown.Select(r => r.ToResponse())], next));
    }

    /// <summary>Sends a delivery again from the start of the retry schedule, with the same <c>webhook-id</c>.</summary>
    public static async Task<Accepted<WebhookDeliveryResponse>> Redeliver(
        Guid id, Guid deliveryId, HttpContext http, ClaimsPrincipal user, IdempotencyKeys idempotency, UnitOfWork unit,
        WebhookSubscriptionStore store, WebhookDeliveryStore deliveries, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        await using var claim = await idempotency.ClaimAsync(http, caller, null, ct);
        if (claim.Replay is { } replay)
        {
            return await AcceptedAsync(id, replay.ResourceId, deliveries, ct);
        }

        await unit.InTransactionAsync(async token =>
        {
            _ = await store.FindOwnedAsync(id, caller.Agency, token) ?? throw ApiProblem.NotFound();
            if (!await deliveries.RedeliverAsync(id, deliveryId, clock.Now(), token))
            {
                throw ApiProblem.NotFound();
            }

            await claim.CompleteAsync(new IdempotentOutcome(StatusCodes.Status202Accepted, deliveryId), token);
            return true;
        }, ct);
        return await AcceptedAsync(id, deliveryId, deliveries, ct);
    }

    /// <summary>
    /// The secret being replaced, or null when it can no longer be decrypted (its key was removed
    /// from the ring): rotating is then how the agency recovers, without an overlap.
    /// </summary>
    private static string? ReadableSecret(KeyRing keyRing, WebhookSubscriptionRow row)
    {
        try
        {
            return keyRing.UnprotectString(row.Secret, WebhookSecret.Context(row.Id, WebhookSecret.CurrentColumn));
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static async Task<Accepted<WebhookDeliveryResponse>> AcceptedAsync(Guid id, Guid deliveryId, WebhookDeliveryStore deliveries, CancellationToken ct)
    {
        var delivery = await deliveries.FindAsync(id, deliveryId, ct) ?? throw ApiProblem.NotFound();
        return TypedResults.Accepted($"/v1/webhooks/{id}/deliveries", delivery.ToResponse());
    }
}
