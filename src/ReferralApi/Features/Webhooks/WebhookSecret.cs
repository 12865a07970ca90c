using System.Security.Cryptography;

namespace ReferralApi.Features.Webhooks;

/// <summary>
/// A signing secret: <c>whsec_</c> and 32 random bytes in base64, the form Standard Webhooks
/// libraries accept. It is stored encrypted (it must be usable for signing, so it cannot be
/// hashed) and bound to its subscription and column.
/// </summary>
internal static class WebhookSecret
{
    public const string Prefix = "whsec_";

    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Context(Guid subscriptionId, string column) => $"webhook_subscriptions:{subscriptionId:D}:{column}";

    public const string CurrentColumn = "secret";

    public const string PreviousColumn = "previous_secret";
}
