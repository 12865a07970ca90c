using Microsoft.Extensions.Options;
using ReferralApi.Domain;
using ReferralApi.Infrastructure.Json;

namespace ReferralApi.Features.Referrals;

/// <summary>
/// How long a receiver has to answer, by urgency: 24 h for an emergency, 72 h for urgent (the
/// 3×24 h of UU TPKS), 7 days for routine (UU 21/2007). Configurable for other jurisdictions.
/// </summary>
public sealed class ReferralDeadlineOptions
{
    public const string SectionName = "Referrals:Deadlines";

    public TimeSpan Emergency { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan Urgent { get; set; } = TimeSpan.FromHours(72);

    public TimeSpan Routine { get; set; } = TimeSpan.FromDays(7);
}

internal sealed class ReferralDeadlines(IOptions<ReferralDeadlineOptions> options)
{
    public DateTimeOffset RespondBy(Urgency urgency, DateTimeOffset now, DateTimeOffset? requested) =>
        requested is { } given ? Instant.Normalize(given) : now + For(urgency);

    /// <summary>How long a receiver has to answer a referral of this urgency, as configured.</summary>
    public TimeSpan For(Urgency urgency) => urgency switch
    {
        Urgency.Emergency => options.Value.Emergency,
        Urgency.Urgent => options.Value.Urgent,
        _ => options.Value.Routine,
    };
}
