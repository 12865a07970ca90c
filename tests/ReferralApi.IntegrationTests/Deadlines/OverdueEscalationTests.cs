using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Deadlines;

/// <summary>
/// A referral not accepted or declined by its <c>respondBy</c> becomes overdue: the inbox and outbox
/// list it with <c>overdue=true</c>, and the job announces it once to both parties. The clock is
/// moved, never waited for; each test uses its own agencies, so the shared clock does not matter.
/// </summary>
public abstract class OverdueEscalationTests<TEngine>(EscalationFixture<TEngine> fx) : IClassFixture<EscalationFixture<TEngine>>
    where TEngine : IEngine
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    [Fact]
    public async Task PastTheDeadline_TheReferralIsListedAsOverdue_AndAnnouncedOnceToBothParties()
    {
        using var police = await fx.CreateAgencyAsync();
        using var shelter = await fx.CreateAgencyAsync();
        var late = await SendAsync(police, shelter, "emergency");
        Assert.Empty(await ListAsync(shelter, "?box=inbox&overdue=true"));

        fx.Clock.Advance(Day + TimeSpan.FromMinutes(1));
        await OverdueEvents.WaitForAsync(shelter, late);

        Assert.Equal([late], await ListAsync(shelter, "?box=inbox&overdue=true"));
        Assert.Equal([late], await ListAsync(police, "?box=outbox&overdue=true"));
        Assert.Empty(await ListAsync(shelter, "?box=inbox&overdue=false"));
        Assert.True((bool?)(await ReferralSteps.GetAsync(shelter, late))["overdue"]);
        var toReceiver = Assert.Single(await OverdueEvents.ForReferralAsync(shelter, late));
        var toSender = Assert.Single(await OverdueEvents.ForReferralAsync(police, late));
        Assert.Equal((string?)toReceiver["id"], (string?)toSender["id"]);
        Assert.Equal("sent", (string?)toReceiver["data"]!["status"]);
        Assert.Equal(1, (int)toReceiver["data"]!["version"]!);
        Assert.Equal(shelter.Id.ToString(), (string?)toReceiver["data"]!["actorAgencyId"]);

        // Still unanswered a day later, and after acknowledging receipt: announced once only.
        await Scenario.AcknowledgeAsync(shelter, late, "received");
        var later = await SendAsync(police, shelter, "emergency");
        fx.Clock.Advance(Day + TimeSpan.FromMinutes(1));
        await OverdueEvents.WaitForAsync(shelter, later);

        Assert.Single(await OverdueEvents.ForReferralAsync(shelter, late));
        Assert.Single(await OverdueEvents.ForReferralAsync(police, late));
        Assert.Equal([later, late], await ListAsync(shelter, "?box=inbox&overdue=true"));
    }

    [Fact]
    public async Task BeforeTheDeadline_TheReferralIsOnTime_AndNothingIsAnnounced()
    {
        using var police = await fx.CreateAgencyAsync();
        using var shelter = await fx.CreateAgencyAsync();
        var routine = await SendAsync(police, shelter, "routine");
        var emergency = await SendAsync(police, shelter, "emergency");

        fx.Clock.Advance(Day + TimeSpan.FromMinutes(1));
        await OverdueEvents.WaitForAsync(shelter, emergency);

        Assert.Empty(await OverdueEvents.ForReferralAsync(shelter, routine));
        Assert.Empty(await OverdueEvents.ForReferralAsync(police, routine));
        Assert.False((bool?)(await ReferralSteps.GetAsync(shelter, routine))["overdue"]);
        Assert.Equal([emergency], await ListAsync(shelter, "?box=inbox&overdue=true"));
        Assert.Equal([routine], await ListAsync(shelter, "?box=inbox&overdue=false"));
    }

    [Fact]
    public async Task AcceptedOrDeclinedJustBeforeTheDeadline_IsNeverOverdue_ButOnlyReceivedIs()
    {
        using var police = await fx.CreateAgencyAsync();
        using var shelter = await fx.CreateAgencyAsync();
        var accepted = await SendAsync(police, shelter, "urgent");
        var declined = await SendAsync(police, shelter, "urgent");
        var received = await SendAsync(police, shelter, "urgent");

        fx.Clock.Advance(TimeSpan.FromHours(72) - TimeSpan.FromMinutes(1));
        await Scenario.AcknowledgeAsync(shelter, accepted, "accepted");
        await Scenario.AcknowledgeAsync(shelter, declined, "declined");
        await Scenario.AcknowledgeAsync(shelter, received, "received");
        fx.Clock.Advance(TimeSpan.FromMinutes(2));
        await OverdueEvents.WaitForAsync(shelter, received);

        Assert.Empty(await OverdueEvents.ForReferralAsync(shelter, accepted));
        Assert.Empty(await OverdueEvents.ForReferralAsync(shelter, declined));
        Assert.Equal("received", (string?)Assert.Single(await OverdueEvents.ForReferralAsync(police, received))["data"]!["status"]);
        Assert.False((bool?)(await ReferralSteps.GetAsync(police, accepted))["overdue"]);
        Assert.Equal([received], await ListAsync(shelter, "?box=inbox&overdue=true"));
    }

    [Fact]
    public async Task AnExplicitRespondBy_IsTheDeadline_WhateverTheUrgency()
    {
        using var police = await fx.CreateAgencyAsync();
        using var shelter = await fx.CreateAgencyAsync();
        var respondBy = fx.Clock.GetUtcNow().AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var soon = Scenario.IdOf(await Scenario.SendReferralAsync(police, shelter, b =>
        {
            b["urgency"] = "routine";
            b["respondBy"] = respondBy;
        }));

        fx.Clock.Advance(TimeSpan.FromHours(3));
        await OverdueEvents.WaitForAsync(police, soon);

        Assert.Equal([soon], await ListAsync(shelter, "?box=inbox&overdue=true"));
    }

    private static async Task<Guid> SendAsync(TestAgency from, TestAgency to, string urgency) =>
        Scenario.IdOf(await Scenario.SendReferralAsync(from, to, b => b["urgency"] = urgency));

    private static async Task<List<Guid>> ListAsync(TestAgency caller, string query)
    {
        using var response = await caller.Client.GetAsync("/v1/referrals" + query, Http.Ct);
        var page = await response.ExpectAsync(HttpStatusCode.OK);
        return [.. page["items"]!.AsArray().Select(i => Scenario.IdOf(i!))];
    }
}

public sealed class OverdueEscalationTests_Sqlite(EscalationFixture<Sqlite> fx) : OverdueEscalationTests<Sqlite>(fx);

public sealed class OverdueEscalationTests_Postgres(EscalationFixture<Postgres> fx) : OverdueEscalationTests<Postgres>(fx);

public sealed class OverdueEscalationTests_SqlServer(EscalationFixture<SqlServer> fx) : OverdueEscalationTests<SqlServer>(fx);
