using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Referrals;

/// <summary>Every row of the contract's transition table works for the party it names, and <c>allowedActions</c> follows the table.</summary>
public abstract class LifecycleTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Theory]
    [InlineData("sent", "received")]
    [InlineData("sent", "accepted")]
    [InlineData("received", "accepted")]
    [InlineData("sent", "declined")]
    [InlineData("received", "declined")]
    public async Task Acknowledge_MovesToDecision_WhenReceiverAnswers(string from, string decision)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, from);
        var before = (int)(await ReferralSteps.GetAsync(receiver, id))["version"]!;
        var body = new JsonObject { ["decision"] = decision, ["receiverReference"] = "UPTD/2026/0456" };
        if (decision == "declined")
        {
            body["reasonCode"] = "outside_area";
        }

        using var response = await receiver.Client.PostJsonAsync($"/v1/referrals/{id}/acknowledgement", body);

        var moved = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(decision, (string?)moved["status"]);
        Assert.Equal(before + 1, (int)moved["version"]!);
        Assert.Equal("UPTD/2026/0456", (string?)moved["receiverReference"]);
        await AssertLastMoveAsync(sender, id, decision, receiver.Id, decision == "declined" ? "outside_area" : null);
    }

    [Theory]
    [InlineData("accepted", "in_progress")]
    [InlineData("on_hold", "in_progress")]
    [InlineData("accepted", "on_hold")]
    [InlineData("in_progress", "on_hold")]
    [InlineData("accepted", "completed")]
    [InlineData("in_progress", "completed")]
    [InlineData("on_hold", "completed")]
    [InlineData("accepted", "failed")]
    [InlineData("in_progress", "failed")]
    [InlineData("on_hold", "failed")]
    public async Task ChangeStatus_MovesToTarget_WhenReceiverMoves(string from, string to)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, from);
        var before = (int)(await ReferralSteps.GetAsync(receiver, id))["version"]!;

        using var response = await receiver.Client.PostJsonAsync($"/v1/referrals/{id}/status", Scenario.StatusBody(to));

        var moved = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(to, (string?)moved["status"]);
        Assert.Equal(before + 1, (int)moved["version"]!);
        await AssertLastMoveAsync(sender, id, to, receiver.Id, to is "on_hold" or "failed" ? "safety_risk" : null);
        if (to == "completed")
        {
            var last = (await ReferralSteps.StatusAsync(receiver, id))["history"]!.AsArray()[^1]!;
            Assert.Equal("Services delivered.", (string?)last["outcome"]);
        }
    }

    [Theory]
    [InlineData("sent")]
    [InlineData("received")]
    [InlineData("accepted")]
    [InlineData("in_progress")]
    [InlineData("on_hold")]
    public async Task Cancel_Succeeds_WhenSenderCancelsFromNonTerminalStatus(string from)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, from);

        using var response = await sender.Client.PostJsonAsync($"/v1/referrals/{id}/status", Scenario.StatusBody("cancelled"));

        var moved = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("cancelled", (string?)moved["status"]);
        await AssertLastMoveAsync(receiver, id, "cancelled", sender.Id, "safety_risk");
    }

    [Theory]
    [InlineData("sent", "acknowledge_receipt,accept,decline", "cancel")]
    [InlineData("received", "accept,decline", "cancel")]
    [InlineData("accepted", "start,hold,complete,fail", "cancel")]
    [InlineData("in_progress", "hold,complete,fail", "cancel")]
    [InlineData("on_hold", "start,complete,fail", "cancel")]
    public async Task AllowedActions_FollowTransitionTable_ForEachParty(string status, string receiverActions, string senderActions)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, status);

        var asReceiver = await ReferralSteps.GetAsync(receiver, id);
        var asSender = await ReferralSteps.GetAsync(sender, id);

        Assert.Equal(status, (string?)asReceiver["status"]);
        Assert.Equal(receiverActions.Split(',').Order(), ReferralSteps.Strings(asReceiver["allowedActions"]).Order());
        Assert.Equal(senderActions.Split(',').Order(), ReferralSteps.Strings(asSender["allowedActions"]).Order());
    }

    [Theory]
    [InlineData("declined")]
    [InlineData("cancelled")]
    [InlineData("completed")]
    [InlineData("failed")]
    public async Task AllowedActions_AreEmpty_ForBothParties_WhenStatusTerminal(string status)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, status);

        Assert.Empty(ReferralSteps.Strings((await ReferralSteps.GetAsync(receiver, id))["allowedActions"]));
        Assert.Empty(ReferralSteps.Strings((await ReferralSteps.GetAsync(sender, id))["allowedActions"]));
    }

    [Fact]
    public async Task StatusHistory_ListsEveryMove_OldestFirst_StartingWithSent()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "received");
        await Scenario.AcknowledgeAsync(receiver, id, "accepted");
        await Scenario.MoveAsync(receiver, id, "in_progress");
        await Scenario.MoveAsync(receiver, id, "on_hold");
        await Scenario.MoveAsync(receiver, id, "completed");

        using var response = await sender.Client.GetAsync($"/v1/referrals/{id}/status", Http.Ct);

        var status = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id, Guid.Parse((string)status["referralId"]!));
        Assert.Equal("completed", (string?)status["status"]);
        Assert.Equal(6, (int)status["version"]!);
        var history = status["history"]!.AsArray();
        Assert.Equal(["sent", "received", "accepted", "in_progress", "on_hold", "completed"], history.Select(h => (string)h!["status"]!));
        Assert.Equal(sender.Id, Guid.Parse((string)history[0]!["byAgencyId"]!));
        Assert.All(history.Skip(1), h => Assert.Equal(receiver.Id, Guid.Parse((string)h!["byAgencyId"]!)));
        Assert.Equal("safety_risk", (string?)history[4]!["reasonCode"]);
        var times = history.Select(h => DateTimeOffset.Parse((string)h!["at"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal(status.ToJsonString(), (await ReferralSteps.StatusAsync(receiver, id)).ToJsonString());
    }

    [Fact]
    public async Task ETag_EqualsQuotedVersion_OnEveryResponseCarryingIt()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();

        using var created = await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(receiver.Id));
        var id = Scenario.IdOf(await AssertETagAsync(created, HttpStatusCode.Created, 1));
        using var read = await receiver.Client.GetAsync($"/v1/referrals/{id}", Http.Ct);
        await AssertETagAsync(read, HttpStatusCode.OK, 1);
        using var acknowledged = await receiver.Client.PostJsonAsync($"/v1/referrals/{id}/acknowledgement", new JsonObject { ["decision"] = "accepted" });
        await AssertETagAsync(acknowledged, HttpStatusCode.OK, 2);
        using var moved = await receiver.Client.PostJsonAsync($"/v1/referrals/{id}/status", Scenario.StatusBody("in_progress"));
        await AssertETagAsync(moved, HttpStatusCode.OK, 3);
        using var status = await sender.Client.GetAsync($"/v1/referrals/{id}/status", Http.Ct);
        await AssertETagAsync(status, HttpStatusCode.OK, 3);
    }

    private static async Task<JsonNode> AssertETagAsync(HttpResponseMessage response, HttpStatusCode expected, int version)
    {
        var body = await response.ExpectAsync(expected);
        Assert.Equal(version, (int)body["version"]!);
        Assert.Equal($"\"{version}\"", response.Headers.ETag?.Tag);
        Assert.False(response.Headers.ETag!.IsWeak);
        return body;
    }

    private static async Task AssertLastMoveAsync(TestAgency reader, Guid id, string status, Guid by, string? reasonCode)
    {
        var history = (await ReferralSteps.StatusAsync(reader, id))["history"]!.AsArray();
        var last = history[^1]!;
        Assert.Equal(status, (string?)last["status"]);
        Assert.Equal(by, Guid.Parse((string)last["byAgencyId"]!));
        Assert.Equal(reasonCode, (string?)last["reasonCode"]);
    }
}

public sealed class LifecycleTests_Sqlite(ApiFixture<Sqlite> fx) : LifecycleTests<Sqlite>(fx);

public sealed class LifecycleTests_Postgres(ApiFixture<Postgres> fx) : LifecycleTests<Postgres>(fx);

public sealed class LifecycleTests_SqlServer(ApiFixture<SqlServer> fx) : LifecycleTests<SqlServer>(fx);
