using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Referrals;

/// <summary>Moves the transition table does not allow are refused with the contract's codes, and change nothing.</summary>
public abstract class LifecycleRejectionTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Theory]
    [InlineData("sent", "received")]
    [InlineData("sent", "accepted")]
    [InlineData("received", "declined")]
    public async Task Acknowledge_Returns403NotPermitted_WhenSenderAnswers(string from, string decision)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, from);
        var body = new JsonObject { ["decision"] = decision };
        if (decision == "declined")
        {
            body["reasonCode"] = "no_capacity";
        }

        using var response = await sender.Client.PostJsonAsync($"/v1/referrals/{id}/acknowledgement", body);

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "not-permitted");
        await AssertUnchangedAsync(receiver, id, from);
    }

    [Theory]
    [InlineData("accepted", "in_progress")]
    [InlineData("accepted", "on_hold")]
    [InlineData("in_progress", "completed")]
    [InlineData("on_hold", "failed")]
    public async Task ChangeStatus_Returns403NotPermitted_WhenSenderMakesReceiversMove(string from, string to)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, from);

        using var response = await sender.Client.PostJsonAsync($"/v1/referrals/{id}/status", Scenario.StatusBody(to));

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "not-permitted");
        await AssertUnchangedAsync(receiver, id, from);
    }

    [Theory]
    [InlineData("sent")]
    [InlineData("accepted")]
    [InlineData("on_hold")]
    public async Task Cancel_Returns403NotPermitted_WhenReceiverCancels(string from)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, from);

        using var response = await receiver.Client.PostJsonAsync($"/v1/referrals/{id}/status", Scenario.StatusBody("cancelled"));

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "not-permitted");
        await AssertUnchangedAsync(sender, id, from);
    }

    [Theory]
    [InlineData("sent", "in_progress", "received,accepted,declined")]
    [InlineData("received", "completed", "accepted,declined")]
    [InlineData("accepted", "received", "in_progress,on_hold,completed,failed")]
    [InlineData("in_progress", "accepted", "on_hold,completed,failed")]
    [InlineData("on_hold", "declined", "in_progress,completed,failed")]
    [InlineData("cancelled", "accepted", "")]
    [InlineData("declined", "accepted", "")]
    [InlineData("completed", "failed", "")]
    [InlineData("failed", "in_progress", "")]
    public async Task Move_Returns409InvalidTransition_WithCurrentAndAllowed_WhenTableHasNoSuchRow(string from, string to, string allowed)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, from);

        using var response = to is "received" or "accepted" or "declined"
            ? await receiver.Client.PostJsonAsync($"/v1/referrals/{id}/acknowledgement", AcknowledgementBody(to))
            : await receiver.Client.PostJsonAsync($"/v1/referrals/{id}/status", Scenario.StatusBody(to));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict, "invalid-transition");
        Assert.Equal(from, (string?)problem["currentStatus"]);
        Assert.Equal(allowed.Split(',', StringSplitOptions.RemoveEmptyEntries).Order(), ReferralSteps.Strings(problem["allowedTransitions"]).Order());
        await AssertUnchangedAsync(sender, id, from);
    }

    [Theory]
    [InlineData("completed")]
    [InlineData("declined")]
    [InlineData("cancelled")]
    public async Task Cancel_Returns409InvalidTransition_WithNothingAllowed_WhenReferralTerminal(string from)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, from);
        var body = Scenario.StatusBody("cancelled");
        body["reasonCode"] = "duplicate";

        using var response = await sender.Client.PostJsonAsync($"/v1/referrals/{id}/status", body);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict, "invalid-transition");
        Assert.Equal(from, (string?)problem["currentStatus"]);
        Assert.Empty(problem["allowedTransitions"]!.AsArray());
    }

    [Theory]
    [InlineData("received")]
    [InlineData("accepted")]
    [InlineData("declined")]
    [InlineData("in_progress")]
    [InlineData("on_hold")]
    [InlineData("completed")]
    [InlineData("failed")]
    [InlineData("cancelled")]
    public async Task RepeatingLastMove_Returns200_AndLeavesVersionUnchanged(string status)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, status);
        var before = await ReferralSteps.StatusAsync(sender, id);
        var (mover, url, body) = status switch
        {
            "received" or "accepted" or "declined" => (receiver, "acknowledgement", AcknowledgementBody(status)),
            "cancelled" => (sender, "status", Scenario.StatusBody(status)),
            _ => (receiver, "status", Scenario.StatusBody(status)),
        };

        using var response = await mover.Client.PostJsonAsync($"/v1/referrals/{id}/{url}", body);

        var repeated = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(status, (string?)repeated["status"]);
        Assert.Equal((int)before["version"]!, (int)repeated["version"]!);
        Assert.Equal($"\"{(int)before["version"]!}\"", response.Headers.ETag?.Tag);
        Assert.Equal(before.ToJsonString(), (await ReferralSteps.StatusAsync(sender, id)).ToJsonString());
    }

    [Fact]
    public async Task RepeatingLastMove_Returns409_WhenBodyDiffers()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "declined");

        using var response = await receiver.Client.PostJsonAsync($"/v1/referrals/{id}/acknowledgement",
            new JsonObject { ["decision"] = "declined", ["reasonCode"] = "outside_area" });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Conflict, "invalid-transition");
        Assert.Equal("declined", (string?)problem["currentStatus"]);
        await AssertUnchangedAsync(sender, id, "declined");
    }

    [Theory]
    [InlineData("sent", "receiver", "acknowledgement", """{"decision":"declined"}""", "$.reasonCode")]
    [InlineData("sent", "receiver", "acknowledgement", """{"decision":"declined","reasonCode":"other"}""", "$.reason")]
    [InlineData("accepted", "receiver", "status", """{"status":"on_hold"}""", "$.reasonCode")]
    [InlineData("accepted", "receiver", "status", """{"status":"on_hold","reasonCode":"other","reason":"  "}""", "$.reason")]
    [InlineData("in_progress", "receiver", "status", """{"status":"failed"}""", "$.reasonCode")]
    [InlineData("in_progress", "receiver", "status", """{"status":"completed"}""", "$.outcome")]
    [InlineData("received", "sender", "status", """{"status":"cancelled"}""", "$.reasonCode")]
    [InlineData("received", "sender", "status", """{"status":"cancelled","reasonCode":"other"}""", "$.reason")]
    public async Task Move_Returns400NamingField_WhenRequiredFieldMissing(string from, string who, string url, string body, string field)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, from);
        var mover = who == "sender" ? sender : receiver;

        using var response = await mover.Client.PostJsonAsync($"/v1/referrals/{id}/{url}", JsonNode.Parse(body));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.NotEmpty(problem["errors"]![field]!.AsArray());
        await AssertUnchangedAsync(sender, id, from);
    }

    private static JsonObject AcknowledgementBody(string decision) =>
        decision == "declined"
            ? new JsonObject { ["decision"] = decision, ["reasonCode"] = "no_capacity" }
            : new JsonObject { ["decision"] = decision };

    /// <summary>A refused move wrote nothing: same status, and the history still ends where it did.</summary>
    private static async Task AssertUnchangedAsync(TestAgency reader, Guid id, string status)
    {
        var current = await ReferralSteps.StatusAsync(reader, id);
        Assert.Equal(status, (string?)current["status"]);
        var history = current["history"]!.AsArray();
        Assert.Equal(history.Count, (int)current["version"]!);
        Assert.Equal(status, (string?)history[^1]!["status"]);
    }
}

public sealed class LifecycleRejectionTests_Sqlite(ApiFixture<Sqlite> fx) : LifecycleRejectionTests<Sqlite>(fx);

public sealed class LifecycleRejectionTests_Postgres(ApiFixture<Postgres> fx) : LifecycleRejectionTests<Postgres>(fx);

public sealed class LifecycleRejectionTests_SqlServer(ApiFixture<SqlServer> fx) : LifecycleRejectionTests<SqlServer>(fx);
