using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;
using static ReferralApi.IntegrationTests.Reliability.Reliable;

namespace ReferralApi.IntegrationTests.Reliability;

/// <summary>
/// Idempotency across time: a retry hours later still gets the first answer, even when the body
/// would no longer pass a rule that depends on the clock; keys are kept at least 24 hours; and a
/// claim left pending by a request that died is taken over once it is old enough.
/// </summary>
public abstract class IdempotencyClockTests<TEngine>(ClockedApiFixture<TEngine> fx) : IClassFixture<ClockedApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task Replay_Returns201_WhenRespondByHasPassedSinceTheFirstRequest()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var body = Scenario.ReferralBody(receiver.Id);
        body["respondBy"] = fx.Clock.GetUtcNow().AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var key = NewKey();
        using var first = await sender.Client.PostJsonAsync("/v1/referrals", body, Key(key));
        var created = await first.ExpectAsync(HttpStatusCode.Created);

        fx.Clock.Advance(TimeSpan.FromHours(3));
        using var again = await sender.Client.PostJsonAsync("/v1/referrals", body, Key(key));

        // The lost answer is what the client asks for; judging respondBy against today's clock would refuse it.
        var replayed = await again.ExpectAsync(HttpStatusCode.Created);
        Assert.True(again.IsReplayed());
        Assert.Equal(Scenario.IdOf(created), Scenario.IdOf(replayed));
        Assert.Equal(1, await fx.CountAsync("referrals", "from_agency_id", sender.Id));
    }

    [Fact]
    public async Task Create_FreesKey_WhenTheBodyBreaksARule()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var body = Scenario.ReferralBody(receiver.Id);
        body["respondBy"] = "2020-01-01T00:00:00Z";
        var key = NewKey();

        using var refused = await sender.Client.PostJsonAsync("/v1/referrals", body, Key(key));
        var problem = await refused.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.NotNull(problem["errors"]?["$.respondBy"]);
        body.Remove("respondBy");
        using var corrected = await sender.Client.PostJsonAsync("/v1/referrals", body, Key(key));

        await corrected.ExpectAsync(HttpStatusCode.Created);
        Assert.False(corrected.IsReplayed());
        Assert.Equal(1, await fx.CountAsync("referrals", "from_agency_id", sender.Id));
    }

    [Fact]
    public async Task Key_IsKeptForAtLeast24Hours_ThenForgotten()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var body = Scenario.ReferralBody(receiver.Id);
        var key = NewKey();
        using var first = await sender.Client.PostJsonAsync("/v1/referrals", body, Key(key));
        var created = await first.ExpectAsync(HttpStatusCode.Created);

        fx.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(1));
        using var dayLater = await sender.Client.PostJsonAsync("/v1/referrals", body, Key(key));
        Assert.Equal(Scenario.IdOf(created), Scenario.IdOf(await dayLater.ExpectAsync(HttpStatusCode.Created)));
        Assert.True(dayLater.IsReplayed());

        fx.Clock.Advance(TimeSpan.FromDays(30));
        using var monthLater = await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(receiver.Id), Key(key));
        await monthLater.ExpectAsync(HttpStatusCode.Created);
        Assert.False(monthLater.IsReplayed());
        Assert.Equal(2, await fx.CountAsync("referrals", "from_agency_id", sender.Id));
    }

    [Fact]
    public async Task PendingClaim_IsInUse_ThenTakenOverOnceAbandoned()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var body = Scenario.ReferralBody(receiver.Id);
        body.Remove("externalReference");
        var key = NewKey();
        using var first = await sender.Client.PostJsonAsync("/v1/referrals", body, Key(key));
        await first.ExpectAsync(HttpStatusCode.Created);
        await MakePendingAsync(sender.Id);

        using var inUse = await sender.Client.PostJsonAsync("/v1/referrals", body, Key(key));
        await inUse.ExpectProblemAsync(HttpStatusCode.Conflict, "idempotency-key-in-use");
        Assert.NotNull(inUse.Headers.RetryAfter);

        fx.Clock.Advance(TimeSpan.FromMinutes(10));
        using var takenOver = await sender.Client.PostJsonAsync("/v1/referrals", body, Key(key));
        await takenOver.ExpectAsync(HttpStatusCode.Created);
        Assert.False(takenOver.IsReplayed());
        Assert.Equal(2, await fx.CountAsync("referrals", "from_agency_id", sender.Id));
    }

    /// <summary>Turns the agency's one finished claim back into the state a request leaves when it dies before its effect commits.</summary>
    private async Task MakePendingAsync(Guid agency)
    {
        await using var connection = fx.CreateConnection();
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE idempotency_keys SET state = 'pending', response_status = NULL, resource_id = NULL WHERE scope_id = @Scope",
            new { Scope = fx.DbValue(agency) }, cancellationToken: Http.Ct));
        Assert.Equal(1, changed);
    }
}

public sealed class IdempotencyClockTests_Sqlite(ClockedApiFixture<Sqlite> fx) : IdempotencyClockTests<Sqlite>(fx);

public sealed class IdempotencyClockTests_Postgres(ClockedApiFixture<Postgres> fx) : IdempotencyClockTests<Postgres>(fx);

public sealed class IdempotencyClockTests_SqlServer(ClockedApiFixture<SqlServer> fx) : IdempotencyClockTests<SqlServer>(fx);
