namespace ReferralApi.Infrastructure.Security;

/// <summary>
/// The administrator keys, from the environment or a secret store, never committed.
/// <c>Admin:KeyHashes</c> holds the SHA-256 (lower-case hex) of each admin key, so several can be
/// valid at once and one can be rotated out by configuration alone; <c>Admin:ApiKey</c>, the
/// bootstrap key in the clear, is still accepted beside them.
/// </summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>Outside Development an admin key shorter than this refuses the start.</summary>
    public const int MinimumKeyLength = 32;

    public string? ApiKey { get; set; }

    public List<string> KeyHashes { get; set; } = [];
}
