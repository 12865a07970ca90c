using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using ReferralApi.Infrastructure.Security.Encryption;

namespace ReferralApi.Features.Webhooks;

/// <summary>
/// Makes one attempt at one delivery and says what became of it. The request carries the Standard
/// Webhooks headers; <c>webhook-id</c> is the event id, so a receiver can drop a repeat.
/// </summary>
internal sealed partial class WebhookSender(
    IHttpClientFactory clients,
    WebhookResilience resilience,
    WebhookPayload payload,
    WebhookRetryPolicy retries,
    KeyRing keyRing,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookSender> logger)
{
    public const string ClientName = "webhooks";

    public async Task<DeliveryOutcome> SendAsync(ClaimedDelivery delivery, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        string[] secrets;
        try
        {
            secrets = SecretsOf(delivery, now);
        }
        catch (CryptographicException)
        {
            SecretUnreadable(logger, delivery.SubscriptionId);
            return retries.AfterFailure(delivery, null, "secret_unreadable", null, now);
        }

        var body = payload.Serialize(delivery);
        var messageId = delivery.EventId.ToString("D");
        var signature = WebhookSigner.Sign(messageId, now, body, secrets);
        var receiver = new Uri(delivery.Url);
        var client = clients.CreateClient(ClientName);
        try
        {
            using var response = await resilience.For(receiver).ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, receiver) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Add("webhook-id", messageId);
                request.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
                request.Headers.Add("webhook-signature", signature);
                return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            }, ct);
            Answered(logger, delivery.SubscriptionId, delivery.EventId, receiver.Host, (int)response.StatusCode);
            return Classify(delivery, response, now);
        }
        catch (BrokenCircuitException open)
        {
            var wait = open.RetryAfter ?? options.Value.CircuitBreakDuration;
            return new DeliveryOutcome(DeliveryResult.NotSent, null, "circuit_open", now + wait);
        }
        catch (TimeoutRejectedException)
        {
            NotAnswered(logger, delivery.SubscriptionId, delivery.EventId, receiver.Host, "timeout");
            return retries.AfterFailure(delivery, null, "timeout", null, now);
        }
        catch (HttpRequestException failure) when (!ct.IsCancellationRequested)
        {
            var error = failure.InnerException is ForbiddenAddressException ? "address_not_allowed" : "connection_failed";
            NotAnswered(logger, delivery.SubscriptionId, delivery.EventId, receiver.Host, error);
            return retries.AfterFailure(delivery, null, error, null, now);
        }
    }

    private DeliveryOutcome Classify(ClaimedDelivery delivery, HttpResponseMessage response, DateTimeOffset now)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return new DeliveryOutcome(DeliveryResult.Delivered, status, null, null);
        }

        if (response.StatusCode == HttpStatusCode.Gone)
        {
            return new DeliveryOutcome(DeliveryResult.Gone, status, "gone", null);
        }

        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => (TimeSpan?)null,
        };
        return retries.AfterFailure(delivery, status, "http_status", retryAfter, now);
    }

    /// <summary>The current secret, and the previous one while the rotation overlap lasts.</summary>
    private string[] SecretsOf(ClaimedDelivery delivery, DateTimeOffset now)
    {
        var current = keyRing.UnprotectString(delivery.Secret, WebhookSecret.Context(delivery.SubscriptionId, WebhookSecret.CurrentColumn));
        if (delivery.PreviousSecret is null || !(delivery.PreviousSecretExpiresAt > now))
        {
            return [current];
        }

        return [current, keyRing.UnprotectString(delivery.PreviousSecret, WebhookSecret.Context(delivery.SubscriptionId, WebhookSecret.PreviousColumn))];
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook {SubscriptionId} event {EventId}: {Host} answered {StatusCode}")]
    private static partial void Answered(ILogger logger, Guid subscriptionId, Guid eventId, string host, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {SubscriptionId} event {EventId}: {Host} not reached ({Error})")]
    private static partial void NotAnswered(ILogger logger, Guid subscriptionId, Guid eventId, string host, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {SubscriptionId}: its secret cannot be decrypted with the configured Encryption:Keys")]
    private static partial void SecretUnreadable(ILogger logger, Guid subscriptionId);
}
