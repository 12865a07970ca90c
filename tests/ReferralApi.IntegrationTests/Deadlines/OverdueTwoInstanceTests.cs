using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Deadlines;

/// <summary>
/// Two API instances on one PostgreSQL database, both running the overdue job on the same clock
/// and racing for the same referrals: each overdue referral is announced exactly once, to each party.
/// </summary>
public sealed class OverdueTwoInstanceTests(EscalationFixture<Postgres> fx) : IClassFixture<EscalationFixture<Postgres>>
{
    [Fact]
    public async Task TwoInstances_AnnounceEachOverdueReferralExactlyOnce()
    {
        const int Referrals = 25;
        using var police = await fx.CreateAgencyAsync();
        using var shelter = await fx.CreateAgencyAsync();
        await using var second = fx.StartSecondInstance();
        var ids = new List<Guid>();
        for (var i = 0; i < Referrals; i++)
        {
            ids.Add(Scenario.IdOf(await Scenario.SendReferralAsync(police, shelter, b => b["urgency"] = "emergency")));
        }

        fx.Clock.Advance(TimeSpan.FromHours(25));
        await OverdueEvents.WaitForAsync(shelter, [.. ids]);

        // Both jobs keep checking: one more deadline passing and being announced proves they ran on.
        var barrier = Scenario.IdOf(await Scenario.SendReferralAsync(police, shelter, b => b["urgency"] = "emergency"));
        fx.Clock.Advance(TimeSpan.FromHours(25));
        await OverdueEvents.WaitForAsync(police, barrier);

        var toReceiver = await OverdueEvents.AllAsync(shelter);
        var toSender = await OverdueEvents.AllAsync(police);
        Assert.Equal(Referrals + 1, toReceiver.Count);
        Assert.Equal(Referrals + 1, toSender.Count);
        Assert.Equal([.. ids.Append(barrier).Order()], toReceiver.Select(e => Guid.Parse((string)e["data"]!["referralId"]!)).Order());
        Assert.Equal(toReceiver.Select(e => (string?)e["id"]).Order(), toSender.Select(e => (string?)e["id"]).Order());
    }
}
