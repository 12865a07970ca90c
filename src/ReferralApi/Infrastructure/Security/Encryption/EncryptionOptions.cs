namespace ReferralApi.Infrastructure.Security.Encryption;

/// <summary>
/// The data-encryption keys (<c>Encryption:Keys</c>) and which one encrypts new values
/// (<c>Encryption:ActiveKeyId</c>). Older keys stay listed so values they encrypted remain readable
/// after a rotation. Keys come from the environment or a secret store, never from committed files.
/// </summary>
public sealed class EncryptionOptions
{
    public const string SectionName = "Encryption";

    public List<EncryptionKeyOptions> Keys { get; set; } = [];

    /// <summary>The key new values are encrypted with; may be omitted when exactly one key is listed.</summary>
    public string? ActiveKeyId { get; set; }
}

/// <summary>One AES-256 key: a short id stored beside every value it encrypted, and 32 bytes in base64.</summary>
public sealed class EncryptionKeyOptions
{
    public string Id { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;
}
