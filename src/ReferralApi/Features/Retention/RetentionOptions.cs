namespace ReferralApi.Features.Retention;

/// <summary>
/// How long a referral's personal data is kept after it reached a terminal status
/// (<c>Retention:Years</c>), and how often the erasure job looks for referrals past it.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    public int Years { get; set; } = 5;

    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    public int BatchSize { get; set; } = 100;
}
