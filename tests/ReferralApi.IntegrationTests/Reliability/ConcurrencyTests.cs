using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;
using static ReferralApi.IntegrationTests.Reliability.Reliable;

namespace ReferralApi.IntegrationTests.Reliability;

/// <summary>
/// Requests that race: duplicates under one <c>Idempotency-Key</c>, two answers to one referral,
/// stale versions. Whatever the interleaving, one effect wins, the others get a defined 4xx
/// or a replay, and no request ever sees a 5xx.
/// </summary>
public abstract class ConcurrencyTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    private const int Parallel = 20;
    private const int Races = 10;

    [Fact]
    public async Task ParallelDuplicates_CreateExactlyOneReferral_WhenTheyShareAKey()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var body = Scenario.ReferralBody(receiver.Id);
        var key = NewKey();

        var responses = await ReleaseTogetherAsync(Parallel, _ => sender.Client.PostJsonAsync("/v1/referrals", body, Key(key)));
        try
        {
            await AssertNoServerErrorsAsync(responses);
            var ids = new HashSet<Guid>();
            foreach (var response in responses)
            {
                if (response.StatusCode == HttpStatusCode.Conflict)
                {
                    await response.ExpectProblemAsync(HttpStatusCode.Conflict, "idempotency-key-in-use");
                    Assert.NotNull(response.Headers.RetryAfter);
                    continue;
                }

                ids.Add(Scenario.IdOf(await response.ExpectAsync(HttpStatusCode.Created)));
            }

            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created && !r.IsReplayed());
            Assert.Single(ids);
        }
        finally
        {
            Array.ForEach(responses, r => r.Dispose());
        }

        Assert.Equal(1, await fx.CountAsync("referrals", "from_agency_id", sender.Id));
        using var after = await sender.Client.PostJsonAsync("/v1/referrals", body, Key(key));
        await after.ExpectAsync(HttpStatusCode.Created);
        Assert.True(after.IsReplayed());
    }

    [Fact]
    public async Task AcceptAndDecline_ExactlyOneWins_WhenSentTogether()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var accept = new JsonObject { ["decision"] = "accepted" };
        var decline = new JsonObject { ["decision"] = "declined", ["reasonCode"] = "no_capacity" };

        for (var race = 0; race < Races; race++)
        {
            var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));
            var url = $"/v1/referrals/{id}/acknowledgement";
            var responses = await ReleaseTogetherAsync(2, i => receiver.Client.PostJsonAsync(url, i == 0 ? accept : decline));
            using var accepted = responses[0];
            using var declined = responses[1];

            await AssertNoServerErrorsAsync(responses);
            var winner = accepted.StatusCode == HttpStatusCode.OK ? accepted : declined;
            var loser = ReferenceEquals(winner, accepted) ? declined : accepted;
            var won = await winner.ExpectAsync(HttpStatusCode.OK);
            var lost = await loser.ExpectProblemAsync(HttpStatusCode.Conflict, "invalid-transition");
            Assert.Equal((string?)won["status"], (string?)lost["currentStatus"]);
            Assert.Equal(2, (int?)won["version"]);

            using var statusResponse = await Http.GetAsync(receiver.Client, $"/v1/referrals/{id}/status");
            var status = await statusResponse.ExpectAsync(HttpStatusCode.OK);
            var history = status["history"]!.AsArray().Select(e => (string)e!["status"]!).ToArray();
            Assert.Equal(["sent", (string)won["status"]!], history);
            Assert.Equal(2, (int?)status["version"]);
        }
    }

    [Fact]
    public async Task Move_Returns412AndWritesNothing_WhenIfMatchIsStale()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));
        await Scenario.AcknowledgeAsync(receiver, id, "received");

        using var stale = await receiver.Client.PostJsonAsync($"/v1/referrals/{id}/acknowledgement", new JsonObject { ["decision"] = "accepted" }, IfMatch("\"1\""));

        var problem = await stale.ExpectProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        Assert.Equal(2, (int?)problem["currentVersion"]);
        using var read = await Http.GetAsync(receiver.Client, $"/v1/referrals/{id}");
        var referral = await read.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("received", (string?)referral["status"]);
        Assert.Equal(2, (int?)referral["version"]);
        Assert.Equal(2, await fx.CountAsync("referral_status_changes", "referral_id", id));
    }

    [Theory]
    [InlineData("\"{0}\"")]
    [InlineData("\"9\", \"{0}\"")]
    [InlineData("*")]
    public async Task Move_Succeeds_WhenIfMatchNamesTheCurrentVersion(string format)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));
        await Scenario.AcknowledgeAsync(receiver, id, "accepted");
        var ifMatch = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, 2);

        using var response = await receiver.Client.PostJsonAsync($"/v1/referrals/{id}/status", Scenario.StatusBody("in_progress"), IfMatch(ifMatch));

        var moved = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("in_progress", (string?)moved["status"]);
        Assert.Equal(3, (int?)moved["version"]);
        Assert.Equal("\"3\"", response.Headers.ETag?.Tag);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("\"two\"")]
    [InlineData("\"2")]
    [InlineData("\"\"")]
    [InlineData("W/\"2\"")]
    [InlineData("w/\"2\"")]
    [InlineData("\"9\", W/\"2\"")]
    public async Task Move_Returns400NamingIfMatch_WhenItIsMalformedOrWeak(string ifMatch)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));

        using var response = await receiver.Client.PostJsonAsync($"/v1/referrals/{id}/acknowledgement", new JsonObject { ["decision"] = "accepted" }, IfMatch(ifMatch));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.NotNull(problem["errors"]?["If-Match"]);
        Assert.Equal(1, await fx.CountAsync("referral_status_changes", "referral_id", id));
    }
}

public sealed class ConcurrencyTests_Sqlite(ApiFixture<Sqlite> fx) : ConcurrencyTests<Sqlite>(fx);

public sealed class ConcurrencyTests_Postgres(ApiFixture<Postgres> fx) : ConcurrencyTests<Postgres>(fx);

public sealed class ConcurrencyTests_SqlServer(ApiFixture<SqlServer> fx) : ConcurrencyTests<SqlServer>(fx);
