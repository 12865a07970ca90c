using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;
using static ReferralApi.IntegrationTests.Reliability.Reliable;

namespace ReferralApi.IntegrationTests.Reliability;

/// <summary>
/// Many writers at once, without idempotency keys: independent writes all succeed, writes that
/// collide on a unique rule or a referral's version resolve to one effect, and nothing leaks as a
/// 5xx (on SQLite that means no "database is locked" reaching a client).
/// </summary>
public abstract class ParallelWriteTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    private const int Parallel = 20;

    [Fact]
    public async Task ParallelCreates_AllSucceed_WhenSentByDifferentAgencies()
    {
        using var receiver = await fx.CreateAgencyAsync();
        var senders = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => fx.CreateAgencyAsync()));
        try
        {
            var responses = await ReleaseTogetherAsync(Parallel, i => senders[i].Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(receiver.Id)));
            try
            {
                await AssertNoServerErrorsAsync(responses);
                var ids = new HashSet<Guid>();
                foreach (var response in responses)
                {
                    ids.Add(Scenario.IdOf(await response.ExpectAsync(HttpStatusCode.Created)));
                }

                Assert.Equal(Parallel, ids.Count);
            }
            finally
            {
                Array.ForEach(responses, r => r.Dispose());
            }

            Assert.Equal(Parallel, await fx.CountAsync("referrals", "to_agency_id", receiver.Id));
        }
        finally
        {
            Array.ForEach(senders, s => s.Dispose());
        }
    }

    [Fact]
    public async Task ParallelCreates_KeepExternalReferenceUnique_WhenOneAgencyRepeatsIt()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var reference = "LP/race/" + Guid.NewGuid().ToString("N")[..8];

        var responses = await ReleaseTogetherAsync(Parallel, _ =>
        {
            var body = Scenario.ReferralBody(receiver.Id);
            body["externalReference"] = reference;
            return sender.Client.PostJsonAsync("/v1/referrals", body);
        });
        try
        {
            await AssertNoServerErrorsAsync(responses);
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            {
                await response.ExpectProblemAsync(HttpStatusCode.Conflict, "duplicate-external-reference");
            }
        }
        finally
        {
            Array.ForEach(responses, r => r.Dispose());
        }

        Assert.Equal(1, await fx.CountAsync("referrals", "from_agency_id", sender.Id));
        Assert.Equal(1, await fx.CountAsync("cases", "opened_by_agency_id", sender.Id));
    }

    [Fact]
    public async Task ParallelIdenticalAccepts_AllAnswer200_AndMoveOnce()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));
        var accept = new JsonObject { ["decision"] = "accepted", ["receiverReference"] = "UPTD/2026/0456" };

        // Repeating the move that produced the current status is a no-op 200, also when the repeat raced the move.
        var responses = await ReleaseTogetherAsync(4, _ => receiver.Client.PostJsonAsync($"/v1/referrals/{id}/acknowledgement", accept));
        try
        {
            await AssertNoServerErrorsAsync(responses);
            foreach (var response in responses)
            {
                var moved = await response.ExpectAsync(HttpStatusCode.OK);
                Assert.Equal("accepted", (string?)moved["status"]);
                Assert.Equal(2, (int?)moved["version"]);
            }
        }
        finally
        {
            Array.ForEach(responses, r => r.Dispose());
        }

        Assert.Equal(2, await fx.CountAsync("referral_status_changes", "referral_id", id));
    }

    [Fact]
    public async Task ParallelNotes_AllSucceed_WhenBothPartiesWriteAtOnce()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));

        var responses = await ReleaseTogetherAsync(Parallel, i =>
            (i % 2 == 0 ? sender : receiver).Client.PostJsonAsync($"/v1/referrals/{id}/notes", new JsonObject { ["text"] = $"Note {i}" }));
        try
        {
            await AssertNoServerErrorsAsync(responses);
            foreach (var response in responses)
            {
                await response.ExpectAsync(HttpStatusCode.Created);
            }
        }
        finally
        {
            Array.ForEach(responses, r => r.Dispose());
        }

        Assert.Equal(Parallel, await fx.CountAsync("referral_notes", "referral_id", id));
    }

    [Fact]
    public async Task ParallelMoves_UnderOneKey_MoveOnce()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));
        var key = NewKey();

        var responses = await ReleaseTogetherAsync(Parallel, _ =>
            receiver.Client.PostJsonAsync($"/v1/referrals/{id}/acknowledgement", new JsonObject { ["decision"] = "received" }, Key(key)));
        try
        {
            await AssertNoServerErrorsAsync(responses);
            foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            {
                await response.ExpectProblemAsync(HttpStatusCode.Conflict, "idempotency-key-in-use");
                Assert.NotNull(response.Headers.RetryAfter);
            }

            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK && !r.IsReplayed());
        }
        finally
        {
            Array.ForEach(responses, r => r.Dispose());
        }

        Assert.Equal(2, await fx.CountAsync("referral_status_changes", "referral_id", id));
    }
}

public sealed class ParallelWriteTests_Sqlite(ApiFixture<Sqlite> fx) : ParallelWriteTests<Sqlite>(fx);

public sealed class ParallelWriteTests_Postgres(ApiFixture<Postgres> fx) : ParallelWriteTests<Postgres>(fx);

public sealed class ParallelWriteTests_SqlServer(ApiFixture<SqlServer> fx) : ParallelWriteTests<SqlServer>(fx);
