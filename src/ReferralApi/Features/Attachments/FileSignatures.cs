namespace ReferralApi.Features.Attachments;

/// <summary>
/// The file types accepted as attachments, told by their leading bytes rather than by what the
/// client declares: a declared type is only checked against them.
/// </summary>
internal static class FileSignatures
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";

    public static readonly IReadOnlyList<string> Accepted = [Pdf, Jpeg, Png];

    /// <summary>The most leading bytes a signature needs.</summary>
    public const int Longest = 8;

    private static readonly (string Type, byte[] Signature)[] Signatures =
    [
        (Pdf, "%PDF-"u8.ToArray()),
        (Jpeg, [0xFF, 0xD8, 0xFF]),
        (Png, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
    ];

    /// <summary>The type the leading bytes show, or null when they are none of the accepted ones.</summary>
    public static string? Detect(ReadOnlySpan<byte> leading)
    {
        foreach (var (type, signature) in Signatures)
        {
            if (leading.StartsWith(signature))
            {
                return type;
            }
        }

        return null;
    }

    /// <summary>The media type without parameters, lower-cased; null when absent.</summary>
    public static string? Plain(string? contentType) =>
        string.IsNullOrWhiteSpace(contentType) ? null : contentType.Split(';')[0].Trim().ToLowerInvariant();
}
