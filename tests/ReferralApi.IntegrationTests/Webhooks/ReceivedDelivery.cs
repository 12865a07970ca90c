using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ReferralApi.IntegrationTests.Webhooks;

/// <summary>One request as the receiver saw it, and the receiver's side of the Standard Webhooks check.</summary>
public sealed record ReceivedDelivery(string WebhookId, string Timestamp, string Signature, string Body, string ContentType, int AnsweredWith, string UserAgent = "")
{
    /// <summary>When the receiver read it.</summary>
    public DateTime ArrivedAt { get; } = DateTime.UtcNow;

    public JsonNode Json => JsonNode.Parse(Body)!;

    public string Type => (string?)Json["type"] ?? string.Empty;

    /// <summary>
    /// Whether one of the space-separated <c>v1,</c> signatures is the HMAC-SHA256, keyed with the
    /// secret's base64 bytes, of <c>{webhook-id}.{webhook-timestamp}.{body}</c> — written from the
    /// specification, independent of the library the API signs with.
    /// </summary>
    public bool IsSignedWith(string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{WebhookId}.{Timestamp}.{Body}")));
        return Signature.Split(' ').Any(s => s.StartsWith("v1,", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s[3..]), Encoding.ASCII.GetBytes(expected)));
    }
}
