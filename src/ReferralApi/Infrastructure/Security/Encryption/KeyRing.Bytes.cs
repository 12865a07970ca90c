using System.Security.Cryptography;

namespace ReferralApi.Infrastructure.Security.Encryption;

/// <summary>
/// Binary sealing, for contents too large to carry as text (attachment chunks): the sealed form
/// is nonce || ciphertext || tag, and the key id is stored beside it by the caller.
/// </summary>
internal sealed partial class KeyRing
{
    /// <summary>What sealing adds to the plaintext: the nonce and the tag.</summary>
    public const int SealedOverhead = NonceSize + TagSize;

    /// <summary>
    /// Seals <paramref name="plaintext"/> with the active key into <paramref name="destination"/>
    /// (exactly <see cref="SealedOverhead"/> bytes longer); returns the key's id.
    /// </summary>
    public string SealBytes(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData, Span<byte> destination)
    {
        if (destination.Length != plaintext.Length + SealedOverhead)
        {
            throw new ArgumentException("The destination must be the plaintext's length plus the overhead.", nameof(destination));
        }

        var nonce = destination[..NonceSize];
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys[activeKeyId], TagSize);
        aes.Encrypt(nonce, plaintext, destination.Slice(NonceSize, plaintext.Length), destination[^TagSize..], associatedData);
        return activeKeyId;
    }

    /// <summary>
    /// Opens what <see cref="SealBytes"/> wrote into <paramref name="destination"/>; returns the
    /// plaintext's length. Throws <see cref="CryptographicException"/> when the bytes were altered,
    /// moved to another place, or their key is not configured.
    /// </summary>
    public int OpenBytes(string keyId, ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associatedData, Span<byte> destination)
    {
        var length = sealedBytes.Length - SealedOverhead;
        if (length < 0 || destination.Length < length || !keys.TryGetValue(keyId, out var key))
        {
            throw new CryptographicException("The sealed bytes are malformed or their key is not configured.");
        }

        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes[..NonceSize], sealedBytes.Slice(NonceSize, length), sealedBytes[^TagSize..], destination[..length], associatedData);
        return length;
    }
}
