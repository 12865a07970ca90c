using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Events;

/// <summary>The pull feed: every change reaches both parties, in order, exactly once, with ids and codes only.</summary>
public abstract class EventFeedTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task Feed_ShowsEveryChangeToBothParties_InOrder()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));
        await Scenario.AcknowledgeAsync(receiver, id, "received");
        await Scenario.AcknowledgeAsync(receiver, id, "accepted");
        using (var note = await sender.Client.PostJsonAsync($"/v1/referrals/{id}/notes", new System.Text.Json.Nodes.JsonObject { ["text"] = "Bring the documents." }))
        {
            await note.ExpectAsync(HttpStatusCode.Created);
        }

        await Scenario.MoveAsync(receiver, id, "in_progress");
        await Scenario.MoveAsync(receiver, id, "completed");
        string[] expected = ["referral.created", "referral.received", "referral.accepted", "referral.note_added", "referral.status_changed", "referral.completed"];

        foreach (var party in new[] { sender, receiver })
        {
            var (items, _) = await FeedReader.ReadAtLeastAsync(party.Client, null, expected.Length);
            Assert.Equal(expected, items.Select(i => (string)i["type"]!));
            Assert.All(items, i => Assert.Equal(id.ToString(), (string)i["data"]!["referralId"]!));
            Assert.Equal([1, 2, 3, 3, 4, 5], items.Select(i => (int)i["data"]!["version"]!));
            Assert.Equal(items.Count, items.Select(i => (string)i["id"]!).Distinct().Count());
        }
    }

    [Fact]
    public async Task Feed_NeverShowsAnotherAgencysReferrals()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        using var stranger = await fx.CreateAgencyAsync();
        await Scenario.SendReferralAsync(sender, receiver);
        await FeedReader.ReadAtLeastAsync(receiver.Client, null, 1);

        var (items, next) = await FeedReader.PollAsync(stranger.Client, null);

        Assert.Empty(items);
        Assert.False(string.IsNullOrEmpty(next));
    }

    [Fact]
    public async Task Feed_ResumesFromCursor_WithoutSkippingOrRepeating()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        for (var i = 0; i < 5; i++)
        {
            await Scenario.SendReferralAsync(sender, receiver);
        }

        var (all, _) = await FeedReader.ReadAtLeastAsync(receiver.Client, null, 5);
        var seen = new List<string>();
        string? cursor = null;
        for (var page = 0; page < 10 && seen.Count < all.Count; page++)
        {
            using var response = await receiver.Client.GetAsync("/v1/events?limit=2" + (cursor is null ? string.Empty : "&after=" + Uri.EscapeDataString(cursor)), Http.Ct);
            var body = await response.ExpectAsync(HttpStatusCode.OK);
            seen.AddRange(body["items"]!.AsArray().Select(e => (string)e!["id"]!));
            cursor = (string)body["nextCursor"]!;
        }

        Assert.Equal(all.Select(e => (string)e["id"]!), seen);
        var (after, again) = await FeedReader.PollAsync(receiver.Client, cursor);
        Assert.Empty(after);
        Assert.Equal(cursor, again);
    }

    [Fact]
    public async Task Feed_FiltersByType()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));
        await Scenario.AcknowledgeAsync(receiver, id, "declined");
        await FeedReader.ReadAtLeastAsync(sender.Client, null, 2);

        var (items, _) = await FeedReader.ReadAtLeastAsync(sender.Client, null, 1, "&types=referral.declined");

        var only = Assert.Single(items);
        Assert.Equal("referral.declined", (string)only["type"]!);
        Assert.Equal("declined", (string)only["data"]!["status"]!);
    }

    [Fact]
    public async Task Events_CarryNoPersonalData()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));
        await Scenario.AcknowledgeAsync(receiver, id, "accepted");

        using var response = await receiver.Client.GetAsync("/v1/events", Http.Ct);
        var text = await response.Content.ReadAsStringAsync(Http.Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var personal in new[] { "Siti Aminah", "6101010104010001", "0000 1111", "Jl. Contoh", "Returned through Entikong", "S.A." })
        {
            Assert.DoesNotContain(personal, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Feed_TakesAfter_AsAnAliasOfCursor()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        await Scenario.SendReferralAsync(sender, receiver);
        await Scenario.SendReferralAsync(sender, receiver);
        await FeedReader.ReadAtLeastAsync(receiver.Client, null, 2);
        using var first = await receiver.Client.GetAsync("/v1/events?limit=1", Http.Ct);
        var cursor = Uri.EscapeDataString((string)(await first.ExpectAsync(HttpStatusCode.OK))["nextCursor"]!);

        using var byCursor = await receiver.Client.GetAsync("/v1/events?limit=1&cursor=" + cursor, Http.Ct);
        using var byAfter = await receiver.Client.GetAsync("/v1/events?limit=1&after=" + cursor, Http.Ct);

        var viaCursor = await byCursor.ExpectAsync(HttpStatusCode.OK);
        var viaAfter = await byAfter.ExpectAsync(HttpStatusCode.OK);
        Assert.Single(viaCursor["items"]!.AsArray());
        Assert.True(JsonNode.DeepEquals(viaCursor, viaAfter), $"cursor gave {viaCursor.ToJsonString()}, after gave {viaAfter.ToJsonString()}");
    }

    [Theory]
    [InlineData("?after=not-a-cursor", "after")]
    [InlineData("?cursor=not-a-cursor", "cursor")]
    [InlineData("?cursor=WyJlMSIsIjAiLCIwIl0&after=WyJlMSIsIjAiLCIwIl0", "after")]
    [InlineData("?curser=WyJlMSIsIjAiLCIwIl0", "curser")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=501", "limit")]
    [InlineData("?types=referral.exploded", "types")]
    public async Task Feed_Returns400_NamingTheParameter(string query, string parameter)
    {
        using var agency = await fx.CreateAgencyAsync();

        using var response = await agency.Client.GetAsync("/v1/events" + query, Http.Ct);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.NotNull(problem["errors"]![parameter]);
    }

    [Fact]
    public async Task Feed_Returns403_ForOversightOnlyKey()
    {
        using var oversight = await fx.CreateAgencyAsync(roles: ["oversight"], acceptsReferrals: false);

        using var response = await oversight.Client.GetAsync("/v1/events", Http.Ct);

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }
}

public sealed class EventFeedTests_Sqlite(ApiFixture<Sqlite> fx) : EventFeedTests<Sqlite>(fx);

public sealed class EventFeedTests_Postgres(ApiFixture<Postgres> fx) : EventFeedTests<Postgres>(fx);

public sealed class EventFeedTests_SqlServer(ApiFixture<SqlServer> fx) : EventFeedTests<SqlServer>(fx);
