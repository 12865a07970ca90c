using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ReferralApi.Infrastructure.Security.Encryption;

/// <summary>
/// Encrypts values stored at rest with AES-256-GCM. The stored form
/// <c>v1.&lt;key id&gt;.&lt;nonce&gt;.&lt;ciphertext&gt;.&lt;tag&gt;</c> names its key, so keys can be
/// rotated while older values stay readable. The caller's <c>context</c> (for example the table,
/// row id and column) is authenticated as associated data: a value copied to another row or
/// column no longer decrypts.
/// </summary>
internal sealed partial class KeyRing
{
    private const string Version = "v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly IReadOnlyDictionary<string, byte[]> keys;
    private readonly string activeKeyId;

    public KeyRing(IReadOnlyDictionary<string, byte[]> keys, string activeKeyId)
    {
        if (!keys.ContainsKey(activeKeyId))
        {
            throw new ArgumentException("The active key must be one of the keys.", nameof(activeKeyId));
        }

        this.keys = keys;
        this.activeKeyId = activeKeyId;
    }

    public string ActiveKeyId => activeKeyId;

    /// <summary>True when no key was configured and this process made up its own (see <see cref="EncryptionSetup"/>).</summary>
    public bool IsEphemeral => activeKeyId == EncryptionSetup.EphemeralKeyId;

    public string Protect(string plaintext, string context) => Protect(Encoding.UTF8.GetBytes(plaintext), context);

    public string Protect(ReadOnlySpan<byte> plaintext, string context)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagSize];
        using (var aes = new AesGcm(keys[activeKeyId], TagSize))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, Encoding.UTF8.GetBytes(context));
        }

        return string.Join('.', Version, activeKeyId, Base64Url.EncodeToString(nonce), Base64Url.EncodeToString(ciphertext), Base64Url.EncodeToString(tag));
    }

    /// <summary>
    /// The id of the key that wrote <paramref name="value"/>, or null when the value is not in the
    /// encrypted form at all (plaintext stored before encryption at rest).
    /// </summary>
    public static string? KeyIdOf(string value)
    {
        var parts = value.Split('.');
        return parts is [Version, var keyId, var nonce, var ciphertext, var tag]
            && keyId.Length > 0 && IsBase64Url(nonce) && IsBase64Url(ciphertext) && IsBase64Url(tag)
            ? keyId
            : null;
    }

    public string UnprotectString(string protectedValue, string context) => Encoding.UTF8.GetString(Unprotect(protectedValue, context));

    /// <summary>Throws <see cref="CryptographicException"/> when the value was altered, moved, or its key is unknown.</summary>
    public byte[] Unprotect(string protectedValue, string context)
    {
        var parts = protectedValue.Split('.');
        if (parts is not [Version, var keyId, var nonceText, var ciphertextText, var tagText] || !keys.TryGetValue(keyId, out var key))
        {
            throw new CryptographicException("The value is not in a known encrypted form or its key is not configured.");
        }

        byte[] nonce, ciphertext, tag;
        try
        {
            (nonce, ciphertext, tag) = (Base64Url.DecodeFromChars(nonceText), Base64Url.DecodeFromChars(ciphertextText), Base64Url.DecodeFromChars(tagText));
        }
        catch (FormatException e)
        {
            throw new CryptographicException("The encrypted value is malformed.", e);
        }

        if (nonce.Length != NonceSize || tag.Length != TagSize)
        {
            throw new CryptographicException("The encrypted value is malformed.");
        }

        var plaintext = new byte[ciphertext.Length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(nonce, ciphertext, tag, plaintext, Encoding.UTF8.GetBytes(context));
        return plaintext;
    }

    private static bool IsBase64Url(string text) => Base64Url.IsValid(text);
}
