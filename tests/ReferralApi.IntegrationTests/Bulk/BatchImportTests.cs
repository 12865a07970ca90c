using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Events;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Input;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Bulk;

/// <summary>
/// <c>POST /v1/referrals/batch</c>: each item judged on its own as a single create, results in
/// order, and a re-sent file creating nothing twice.
/// </summary>
public abstract class BatchImportTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task Ndjson_JudgesEachLineOnItsOwn_InOrder()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var good = Scenario.ReferralBody(receiver.Id);
        var noSex = Scenario.ReferralBody(receiver.Id);
        noSex["subject"]!.AsObject().Remove("sex");
        var noReference = Scenario.ReferralBody(receiver.Id);
        noReference.Remove("externalReference");
        noReference["reason"] = null;
        var toSelf = Scenario.ReferralBody(sender.Id);
        var unknownCode = Scenario.ReferralBody(receiver.Id);
        unknownCode["urgency"] = "whenever";
        var lines = string.Join('\n', good.ToJsonString(), noSex.ToJsonString(), "{not json", "", noReference.ToJsonString(), toSelf.ToJsonString(), unknownCode.ToJsonString()) + "\n";

        using var response = await sender.Client.PostRawAsync("/v1/referrals/batch", lines, "application/x-ndjson");

        var results = (await response.ExpectAsync(HttpStatusCode.OK))["results"]!.AsArray();
        Assert.Equal([0, 1, 2, 3, 4, 5], results.Select(r => (int)r!["index"]!));
        Assert.Equal([201, 400, 400, 400, 422, 400], results.Select(r => (int)r!["status"]!));
        Assert.Null(results[0]!["problem"]);
        Assert.Null(results[1]!["id"]);
        Assert.True(Errors(results[1]).ContainsKey("$.subject.sex"));
        Assert.True(Errors(results[2]).ContainsKey("$"));
        Assert.True(Errors(results[3]).ContainsKey("$.externalReference"));
        Assert.True(Errors(results[3]).ContainsKey("$.reason"));
        Assert.Equal("self-referral", (string?)results[4]!["problem"]!["code"]);
        Assert.True(Errors(results[5]).ContainsKey("$.urgency"));

        var created = Guid.Parse((string)results[0]!["id"]!);
        var read = await Referrals.ReferralSteps.GetAsync(receiver, created);
        Assert.Equal((string?)good["externalReference"], (string?)read["externalReference"]);
        Assert.Single(await InboxIdsAsync(receiver));
    }

    [Fact]
    public async Task ResentArray_AnswersEarlierResults_AndCreatesNothingTwice()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var items = new JsonArray([.. Enumerable.Range(0, 7).Select(_ => (JsonNode)Scenario.ReferralBody(receiver.Id))]);

        using var first = await sender.Client.PostJsonAsync("/v1/referrals/batch", items);
        using var again = await sender.Client.PostJsonAsync("/v1/referrals/batch", items.DeepClone());
        var changed = items.DeepClone().AsArray();
        changed[3]!["reason"] = "A different reason under the same reference.";
        using var conflicting = await sender.Client.PostJsonAsync("/v1/referrals/batch", changed);

        var firstResults = (await first.ExpectAsync(HttpStatusCode.OK))["results"]!.AsArray();
        var againResults = (await again.ExpectAsync(HttpStatusCode.OK))["results"]!.AsArray();
        var conflictResults = (await conflicting.ExpectAsync(HttpStatusCode.OK))["results"]!.AsArray();
        Assert.All(firstResults, r => Assert.Equal(201, (int)r!["status"]!));
        Assert.All(firstResults, r => Assert.Null(r!["replayed"]));
        Assert.Equal(firstResults.Select(r => (string?)r!["id"]), againResults.Select(r => (string?)r!["id"]));
        Assert.All(againResults, r => Assert.True((bool)r!["replayed"]!));
        Assert.Equal(409, (int)conflictResults[3]!["status"]!);
        Assert.Equal("duplicate-external-reference", (string?)conflictResults[3]!["problem"]!["code"]);
        Assert.Equal(201, (int)conflictResults[4]!["status"]!);
        Assert.Equal(7, (await InboxIdsAsync(receiver)).Count);
    }

    [Fact]
    public async Task RepeatedReferenceInOneFile_IsJudgedAgainstItsFirstLine()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var body = Scenario.ReferralBody(receiver.Id);
        var other = body.DeepClone();
        other["urgency"] = "routine";

        using var response = await sender.Client.PostJsonAsync("/v1/referrals/batch", new JsonArray(body, body.DeepClone(), other));

        var results = (await response.ExpectAsync(HttpStatusCode.OK))["results"]!.AsArray();
        Assert.Equal([201, 201, 409], results.Select(r => (int)r!["status"]!));
        Assert.Equal((string?)results[0]!["id"], (string?)results[1]!["id"]);
        Assert.True((bool)results[1]!["replayed"]!);
        Assert.Single(await InboxIdsAsync(receiver));
    }

    [Fact]
    public async Task IdempotencyKey_ReplaysTheBatch_AndRefusesAnotherBody()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var items = new JsonArray(Scenario.ReferralBody(receiver.Id), Scenario.ReferralBody(receiver.Id));
        var key = ("Idempotency-Key", "batch-" + Guid.NewGuid().ToString("N"));

        using var first = await sender.Client.PostJsonAsync("/v1/referrals/batch", items, key);
        using var replay = await sender.Client.PostJsonAsync("/v1/referrals/batch", items.DeepClone(), key);
        using var reused = await sender.Client.PostJsonAsync("/v1/referrals/batch", new JsonArray(Scenario.ReferralBody(receiver.Id)), key);

        var ids = (await first.ExpectAsync(HttpStatusCode.OK))["results"]!.AsArray().Select(r => (string?)r!["id"]).ToList();
        var replayed = (await replay.ExpectAsync(HttpStatusCode.OK))["results"]!.AsArray();
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(ids, replayed.Select(r => (string?)r!["id"]));
        await reused.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.Equal(2, (await InboxIdsAsync(receiver)).Count);
    }

    [Fact]
    public async Task EachCreate_IsLoggedAndAnnounced_AsASingleCreate()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var items = new JsonArray(Scenario.ReferralBody(receiver.Id), Scenario.ReferralBody(receiver.Id));

        using var first = await sender.Client.PostJsonAsync("/v1/referrals/batch", items);
        using var again = await sender.Client.PostJsonAsync("/v1/referrals/batch", items.DeepClone());

        var id = Guid.Parse((string)(await first.ExpectAsync(HttpStatusCode.OK))["results"]![1]!["id"]!);
        await again.ExpectAsync(HttpStatusCode.OK);
        using var log = await sender.Client.GetAsync($"/v1/referrals/{id}/access-log", Http.Ct);
        var actions = (await log.ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray().Select(e => (string?)e!["action"]).ToList();
        Assert.Equal("create", actions[0]);
        Assert.Contains("create_replayed", actions);
        // Polled: on PostgreSQL the feed holds events back while another test's older transaction is open.
        var (events, _) = await FeedReader.ReadAtLeastAsync(receiver.Client, after: null, count: 2);
        Assert.Equal(2, events.Count(e => (string?)e["type"] == "referral.created"));
    }

    [Fact]
    public async Task NotABatch_IsRefusedWhole()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var tooMany = new JsonArray([.. Enumerable.Range(0, 501).Select(_ => (JsonNode)new JsonObject())]);

        using var empty = await sender.Client.PostRawAsync("/v1/referrals/batch", "[]");
        using var overLimit = await sender.Client.PostJsonAsync("/v1/referrals/batch", tooMany);
        using var notArray = await sender.Client.PostJsonAsync("/v1/referrals/batch", Scenario.ReferralBody(receiver.Id));
        using var text = await sender.Client.PostRawAsync("/v1/referrals/batch", "hello", "text/plain");

        await ProblemAssert.ExpectValidationAsync(empty, "$");
        await ProblemAssert.ExpectValidationAsync(overLimit, "$");
        await ProblemAssert.ExpectValidationAsync(notArray, "$");
        await text.ExpectProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        Assert.Empty(await InboxIdsAsync(receiver));
    }

    private static JsonObject Errors(JsonNode? result) => result!["problem"]!["errors"]!.AsObject();

    private static async Task<List<string?>> InboxIdsAsync(TestAgency receiver)
    {
        using var inbox = await receiver.Client.GetAsync("/v1/referrals?box=inbox&limit=200", Http.Ct);
        return [.. (await inbox.ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray().Select(i => (string?)i!["id"])];
    }
}

public sealed class BatchImportTests_Sqlite(ApiFixture<Sqlite> fx) : BatchImportTests<Sqlite>(fx);

public sealed class BatchImportTests_Postgres(ApiFixture<Postgres> fx) : BatchImportTests<Postgres>(fx);

public sealed class BatchImportTests_SqlServer(ApiFixture<SqlServer> fx) : BatchImportTests<SqlServer>(fx);
