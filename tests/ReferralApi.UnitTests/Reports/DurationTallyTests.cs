using ReferralApi.Features.Reports;

namespace ReferralApi.UnitTests.Reports;

/// <summary>
/// The streamed tally of milestones gives the report the same figures the per-referral rows gave:
/// over many referrals, in any order, the median, 90th percentile and late answers are unchanged.
/// </summary>
public sealed class DurationTallyTests
{
    private static readonly DateTimeOffset Sent = new(2026, 1, 5, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 3, 15, 0, TimeSpan.Zero);

    [Fact]
    public void ManyReferrals_InAnyOrder_GiveTheMedianAnd90thPercentile_OfEveryValue()
    {
        // 10,000 referrals received after 0, 1, ... 9,999 hours, answered an hour later, shuffled.
        var order = Enumerable.Range(0, 10_000).OrderBy(i => (i * 7919) % 10_007).ToList();
        var tally = new DurationTally();
        foreach (var hours in order)
        {
            tally.Add(new Milestone
            {
                SentAt = Sent,
                RespondBy = Sent.AddHours(5_000),
                ReceivedAt = Sent.AddHours(hours),
                AnsweredAt = Sent.AddHours(hours + 1),
            });
        }

        var report = Build(tally);

        Assert.Equal(new ReportDurations(new ReportCount(10_000, false), 4999.5, 8999.1, false), report.HoursToReceive);
        Assert.Equal(new ReportDurations(new ReportCount(10_000, false), 5000.5, 9000.1, false), report.HoursToAnswer);
        // Answered after hour 5,000: hours + 1 > 5,000 for hours 5,000 to 9,999.
        Assert.Equal(new ReportCount(5_000, false), report.Overdue.AnsweredLate);
    }

    [Fact]
    public void ReferralsNotYetReceived_CountForNeitherStep()
    {
        var tally = new DurationTally();
        for (var i = 0; i < 6; i++)
        {
            tally.Add(new Milestone { SentAt = Sent, RespondBy = Sent.AddHours(72) });
        }

        tally.Add(new Milestone { SentAt = Sent, RespondBy = Sent.AddHours(72), ReceivedAt = Sent.AddHours(3) });

        var report = Build(tally);

        Assert.Equal(new ReportDurations(new ReportCount(null, true), null, null, true), report.HoursToReceive);
        Assert.Equal(new ReportDurations(new ReportCount(0, false), null, null, false), report.HoursToAnswer);
        Assert.Equal(0, tally.AnsweredLate);
    }

    private static ReportSummaryResponse Build(DurationTally tally) =>
        ReportSummaryBuilder.Build("all", new ReportFilters(null, Now, null, null, null), Now, [], tally, null);
}
