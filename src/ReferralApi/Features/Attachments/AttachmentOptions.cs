namespace ReferralApi.Features.Attachments;

/// <summary>
/// Limits on the documents attached to referrals (<c>Attachments:*</c>): a file's size, and how
/// many files and bytes one referral may carry. Uploads left unfinished (a client gone mid-way)
/// are removed by the retention pass once older than <see cref="AbandonedAfter"/>.
/// </summary>
public sealed class AttachmentOptions
{
    public const string SectionName = "Attachments";

    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    public int MaxFilesPerReferral { get; set; } = 50;

    public long MaxBytesPerReferral { get; set; } = 200L * 1024 * 1024;

    /// <summary>Where contents are kept; <c>database</c> (the chunks in the referral's own database) is the one store.</summary>
    public string Store { get; set; } = "database";

    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromHours(1);
}
