using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Referrals;

/// <summary>
/// A move answers with the referral as its own transaction left it, without reading it back:
/// that answer is exactly what a read right after it returns, field by field, for both kinds of move.
/// </summary>
public abstract class MoveAnswerTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task EachMovesAnswer_IsTheReferralAsAReadThenShowsIt()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));

        using var acknowledged = await receiver.Client.PostJsonAsync(
            $"/v1/referrals/{id}/acknowledgement", new JsonObject { ["decision"] = "accepted", ["receiverReference"] = "UPTD/2026/0789" });
        await AssertAnswerIsTheStoredReferralAsync(acknowledged, receiver, id, "accepted", 2);

        // No receiverReference this time: the one already stored stays, in the answer as in the row.
        using var started = await receiver.Client.PostJsonAsync($"/v1/referrals/{id}/status", Scenario.StatusBody("in_progress"));
        var answer = await AssertAnswerIsTheStoredReferralAsync(started, receiver, id, "in_progress", 3);
        Assert.Equal("UPTD/2026/0789", (string?)answer["receiverReference"]);

        using var cancelled = await sender.Client.PostJsonAsync($"/v1/referrals/{id}/status", Scenario.StatusBody("cancelled"));
        await AssertAnswerIsTheStoredReferralAsync(cancelled, sender, id, "cancelled", 4);
    }

    private static async Task<JsonNode> AssertAnswerIsTheStoredReferralAsync(HttpResponseMessage response, TestAgency party, Guid id, string status, int version)
    {
        var answer = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(status, (string?)answer["status"]);
        Assert.Equal(version, (int)answer["version"]!);
        Assert.Equal($"\"{version}\"", response.Headers.ETag?.Tag);
        var read = await ReferralSteps.GetAsync(party, id);
        Assert.True(JsonNode.DeepEquals(read, answer), $"the move answered {answer.ToJsonString()}, a read gives {read.ToJsonString()}");
        return answer;
    }
}

public sealed class MoveAnswerTests_Sqlite(ApiFixture<Sqlite> fx) : MoveAnswerTests<Sqlite>(fx);

public sealed class MoveAnswerTests_Postgres(ApiFixture<Postgres> fx) : MoveAnswerTests<Postgres>(fx);

public sealed class MoveAnswerTests_SqlServer(ApiFixture<SqlServer> fx) : MoveAnswerTests<SqlServer>(fx);
