namespace ReferralApi.Features.Escalation;

/// <summary>The job that announces referrals whose <c>respondBy</c> has passed (<c>Referrals:Overdue:*</c>).</summary>
public sealed class OverdueOptions
{
    public const string SectionName = "Referrals:Overdue";

    /// <summary>How often each instance looks for newly overdue referrals; an event is at most this late.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Referrals claimed per scan; scans repeat at once while a full batch comes back.</summary>
    public int BatchSize { get; set; } = 100;
}
