using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ReferralApi.Infrastructure.Security;

/// <summary>
/// Recognises an admin key among the configured ones and names it by a fingerprint (the first 12
/// hex digits of its hash), so the admin audit log can tell rotated keys apart without storing them.
/// </summary>
internal sealed class AdminKeys(IOptions<AdminOptions> options)
{
    private const int FingerprintLength = 12;

    /// <summary>The configured keys' SHA-256, decoded once, each with its fingerprint.</summary>
    private readonly (byte[] Digest, string Fingerprint)[] keys =
    [
        .. options.Value.KeyHashes.Select(h => h.Trim().ToLowerInvariant())
            .Concat(options.Value.ApiKey is { Length: > 0 } key ? [ApiKeySecret.Hash(key)] : [])
            .Select(hash => (Convert.FromHexString(hash), hash[..FingerprintLength])),
    ];

    /// <summary>The matching key's fingerprint, or null when <paramref name="digest"/> is no admin key's.</summary>
    public string? Match(ReadOnlySpan<byte> digest)
    {
        string? match = null;
        foreach (var (candidate, fingerprint) in keys)
        {
            // Every candidate is compared, so the time taken does not tell which one matched.
            if (CryptographicOperations.FixedTimeEquals(digest, candidate))
            {
                match = fingerprint;
            }
        }

        return match;
    }

    public static bool IsHash(string value) =>
        value.Trim().Length == 64 && value.Trim().All(Uri.IsHexDigit);
}
