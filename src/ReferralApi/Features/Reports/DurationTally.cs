namespace ReferralApi.Features.Reports;

/// <summary>
/// What the report keeps of the per-referral milestones as they stream past: the hours to each step
/// (the percentiles need every value) and the count of late answers. Eight bytes per referral and
/// step instead of a row object per referral.
/// </summary>
internal sealed class DurationTally
{
    private readonly List<double> hoursToReceive = [];
    private readonly List<double> hoursToAnswer = [];

    public long AnsweredLate { get; private set; }

    public IReadOnlyList<double> HoursToReceive => hoursToReceive;

    public IReadOnlyList<double> HoursToAnswer => hoursToAnswer;

    public void Add(Milestone milestone)
    {
        if (milestone.ReceivedAt is { } received)
        {
            hoursToReceive.Add((received - milestone.SentAt).TotalHours);
        }

        if (milestone.AnsweredAt is { } answered)
        {
            hoursToAnswer.Add((answered - milestone.SentAt).TotalHours);
            if (answered > milestone.RespondBy)
            {
                AnsweredLate++;
            }
        }
    }
}
