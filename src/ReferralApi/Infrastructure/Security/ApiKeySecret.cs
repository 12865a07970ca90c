using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace ReferralApi.Infrastructure.Security;

/// <summary>
/// Key format <c>rfk_&lt;8 lookup chars&gt;_&lt;43 secret chars&gt;</c>: the prefix finds the row, the
/// SHA-256 of the whole key is what is stored. Keys carry 256 random bits, so a fast hash is
/// enough — a slow password hash would only add latency to every request.
/// </summary>
internal static class ApiKeySecret
{
    public const string Scheme = "rfk_";
    private const int LookupLength = 8;
    private const int PrefixLength = 12;

    /// <summary><c>rfk_</c>, 8 lookup characters, <c>_</c>, then 32 bytes in unpadded base64url (43 characters).</summary>
    private const int KeyLength = PrefixLength + 1 + 43;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static readonly SearchValues<char> LookupChars = SearchValues.Create(Alphabet);
    private static readonly SearchValues<char> SecretChars = SearchValues.Create(Alphabet + "-_");

    public static (string Key, string Prefix, string Hash) Generate()
    {
        var lookup = RandomNumberGenerator.GetString(Alphabet, LookupLength);
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = $"{Scheme}{lookup}_{secret}";
        return (key, key[..PrefixLength], Hash(key));
    }

    /// <summary>
    /// The lookup prefix of a key shaped exactly as <see cref="Generate"/> makes them, else null:
    /// anything else cannot be a key, so it never reaches the database.
    /// </summary>
    public static string? PrefixOf(ReadOnlySpan<char> key) =>
        key.Length == KeyLength && key.StartsWith(Scheme, StringComparison.Ordinal) && key[PrefixLength] == '_'
        && key.Slice(Scheme.Length, LookupLength).IndexOfAnyExcept(LookupChars) < 0
        && key[(PrefixLength + 1)..].IndexOfAnyExcept(SecretChars) < 0
            ? key[..PrefixLength].ToString()
            : null;

    public static string Hash(string key) => Convert.ToHexStringLower(Digest(key));

    /// <summary>The SHA-256 of a presented key, computed once per request for every comparison.</summary>
    public static byte[] Digest(ReadOnlySpan<char> key)
    {
        // A presented key is short (a real one is 56 characters): its UTF-8 stays on the stack.
        const int OnStack = 256;
        var utf8 = Encoding.UTF8.GetMaxByteCount(key.Length) <= OnStack ? stackalloc byte[OnStack] : new byte[Encoding.UTF8.GetByteCount(key)];
        return SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(key, utf8)]);
    }

    /// <summary>Whether <paramref name="digest"/> is the stored hash (64 hex digits), in constant time.</summary>
    public static bool Matches(ReadOnlySpan<byte> digest, string storedHash)
    {
        Span<byte> stored = stackalloc byte[SHA256.HashSizeInBytes];
        return Convert.FromHexString(storedHash, stored, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == stored.Length
            && CryptographicOperations.FixedTimeEquals(digest, stored);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
