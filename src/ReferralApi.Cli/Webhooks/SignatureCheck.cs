using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ReferralApi.Cli.Webhooks;

/// <summary>
/// Standard Webhooks verification, as the API signs (<c>v1,&lt;base64 HMAC-SHA256 of
/// "{id}.{timestamp}.{body}"&gt;</c>, several space-separated during a secret rotation). Written
/// here with the runtime's HMAC because the StandardWebhooks package needs the ASP.NET Core
/// runtime, which an agency's workstation running this tool should not have to install.
/// </summary>
internal static class SignatureCheck
{
    private const string SecretPrefix = "whsec_";

    /// <summary>Null when <paramref name="delivery"/> is signed by <paramref name="secret"/> and fresh enough; otherwise why not.</summary>
    public static string? Failure(SavedDelivery delivery, string secret, TimeSpan? maxAge, DateTimeOffset now)
    {
        if (delivery.Id is null || delivery.Timestamp is null || delivery.Signature is null)
        {
            return "the input lacks a webhook-id, webhook-timestamp or webhook-signature header (headers, an empty line, then the body).";
        }

        if (!long.TryParse(delivery.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return "webhook-timestamp is not a number of seconds.";
        }

        var expected = Sign(Key(secret), delivery.Id, seconds, delivery.Body);
        var matches = delivery.Signature.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("v1,", StringComparison.Ordinal))
            .Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s[3..]), Encoding.ASCII.GetBytes(expected)));
        if (!matches)
        {
            return "no signature matches this secret (wrong secret, or the body or headers were changed).";
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (maxAge is { } limit && (age > limit || age < -limit))
        {
            return $"the signature is valid but the delivery is {age.TotalSeconds:0} s old, more than --max-age {limit.TotalSeconds:0} (a replay?).";
        }

        return null;
    }

    public static string Sign(byte[] key, string id, long timestamp, string body) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}")));

    private static byte[] Key(string secret)
    {
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        try
        {
            return Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            throw CliException.Usage("The secret is not a webhook secret (whsec_ followed by base64).");
        }
    }
}
