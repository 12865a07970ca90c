using StandardWebhooks;

namespace ReferralApi.Features.Webhooks;

/// <summary>
/// Standard Webhooks signatures: <c>v1,&lt;base64 HMAC-SHA256 of "{id}.{timestamp}.{body}"&gt;</c> per
/// secret, space-separated, so during a rotation a receiver holding either secret can verify.
/// </summary>
internal static class WebhookSigner
{
    public static string Sign(string messageId, DateTimeOffset timestamp, string body, IEnumerable<string> secrets) =>
        string.Join(' ', secrets.Select(secret => new StandardWebhook(secret).Sign(messageId, timestamp, body)));
}
