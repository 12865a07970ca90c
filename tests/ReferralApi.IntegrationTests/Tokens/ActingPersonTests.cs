using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Events;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Privacy;
using ReferralApi.IntegrationTests.Support;
using ReferralApi.IntegrationTests.Webhooks;

namespace ReferralApi.IntegrationTests.Tokens;

/// <summary>
/// The person in the record: what a person does with a token is recorded under their <c>sub</c> and
/// name in the access log, status history and notes, which both parties see; what a key does names
/// no one. Events, webhooks and log lines never carry the person.
/// </summary>
public abstract class ActingPersonTests<TEngine>(ActingPersonFixture<TEngine> fx) : IClassFixture<ActingPersonFixture<TEngine>>
    where TEngine : IEngine
{
    public const string Sub = "f3c1-77-counsellor";
    public const string Name = "Rina Marlina Situmorang";
    public const string PersonJson = """{"sub":"f3c1-77-counsellor","name":"Rina Marlina Situmorang"}""";
    private const string ReadWrite = "openid referrals.read referrals.write";

    [Fact]
    public async Task TokenRequests_NameThePerson_ToBothParties_AndKeyRequestsNameNone()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));
        using var person = fx.CreateClient(fx.Issuer.Mint(receiver.Code, ReadWrite, subject: Sub, name: Name));

        await (await person.GetAsync($"/v1/referrals/{id}", Http.Ct)).ExpectAsync(HttpStatusCode.OK);
        using var ack = await person.PostJsonAsync($"/v1/referrals/{id}/acknowledgement", new JsonObject { ["decision"] = "received" });
        await ack.ExpectAsync(HttpStatusCode.OK);
        using var byPerson = await person.PostJsonAsync($"/v1/referrals/{id}/notes", new JsonObject { ["text"] = "Called the safe contact." });
        Assert.Equal(PersonJson, (await byPerson.ExpectAsync(HttpStatusCode.Created))["actingPerson"]!.ToJsonString());
        using var byKey = await sender.Client.PostJsonAsync($"/v1/referrals/{id}/notes", new JsonObject { ["text"] = "Thank you." });
        AssertNoPerson(await byKey.ExpectAsync(HttpStatusCode.Created));

        foreach (var party in new[] { sender.Client, receiver.Client })
        {
            var log = await AccessLogApi.ForReferralAsync(party, id);
            var byToken = log.Where(e => (string?)e["keyId"] == Guid.Empty.ToString()).ToList();
            Assert.Equal(["read", "acknowledge", "add_note"], AccessLogApi.Actions(byToken));
            Assert.All(byToken, e => Assert.Equal(PersonJson, e["actingPerson"]!.ToJsonString()));
            Assert.Contains("create", AccessLogApi.Actions(log));
            Assert.All(log.Except(byToken), AssertNoPerson);

            var history = (await ReadStatusAsync(party, id))["history"]!.AsArray();
            Assert.Equal(["sent", "received"], history.Select(h => (string?)h!["status"]));
            AssertNoPerson(history[0]!);
            Assert.Equal(PersonJson, history[1]!["actingPerson"]!.ToJsonString());

            var notes = (await (await party.GetAsync($"/v1/referrals/{id}/notes", Http.Ct)).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();
            Assert.Equal(2, notes.Count);
            Assert.Equal(PersonJson, notes[0]!["actingPerson"]!.ToJsonString());
            AssertNoPerson(notes[1]!);
        }

        using var admin = fx.CreateAdminClient();
        var searched = await AccessLogApi.AllPagesAsync(admin, $"/v1/admin/access-log?referralId={id}&limit=100");
        Assert.Equal(["read", "acknowledge", "add_note"], AccessLogApi.Actions(searched.Where(e => e["actingPerson"] is not null)));
        Assert.All(searched.Where(e => e["actingPerson"] is not null), e => Assert.Equal(PersonJson, e["actingPerson"]!.ToJsonString()));
        var audit = await AccessLogApi.AllPagesAsync(admin, "/v1/admin/audit-log?limit=100");
        Assert.Contains(audit, e => (string?)e["action"] == "read_access_log");
        Assert.All(audit, AssertNoPerson);
    }

    [Fact]
    public async Task EventsWebhooksLogsAndStoredNames_NeverShowThePerson()
    {
        await using var hooks = await WebhookReceiver.StartAsync();
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        await WebhookApi.SubscribeAsync(sender, hooks.Url);
        await WebhookApi.SubscribeAsync(receiver, hooks.Url);
        var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));
        using var person = fx.CreateClient(fx.Issuer.Mint(receiver.Code, ReadWrite, subject: Sub, name: Name));
        foreach (var decision in new[] { "received", "accepted" })
        {
            using var ack = await person.PostJsonAsync($"/v1/referrals/{id}/acknowledgement", new JsonObject { ["decision"] = decision });
            await ack.ExpectAsync(HttpStatusCode.OK);
        }

        using var note = await person.PostJsonAsync($"/v1/referrals/{id}/notes", new JsonObject { ["text"] = "Called the safe contact." });
        await note.ExpectAsync(HttpStatusCode.Created);
        string[] expected = ["referral.created", "referral.received", "referral.accepted", "referral.note_added"];

        var delivered = await hooks.WaitUntilAsync(d => d.Count(x => x.Type == "referral.note_added") == 2);
        Assert.All(delivered, d => AssertAbsent(d.Body));
        foreach (var party in new[] { sender, receiver })
        {
            var (events, _) = await FeedReader.ReadAtLeastAsync(party.Client, null, expected.Length);
            Assert.Equal(expected, events.Select(e => (string?)e["type"]));
            Assert.All(events, e => AssertAbsent(e.ToJsonString()));
        }

        // The history shows the name (it was recorded); only the sealed form is stored, and no log line carries either.
        Assert.Equal(PersonJson, (await ReadStatusAsync(sender.Client, id))["history"]!.AsArray()[^1]!["actingPerson"]!.ToJsonString());
        var stored = await RawDatabase.AllValuesAsync(fx.Database);
        Assert.DoesNotContain(stored, v => v.Text.Contains(Name, StringComparison.Ordinal));
        Assert.Contains(stored, v => v is { Table: "access_log", Column: "person_sub" } && v.Text == Sub);
        Assert.All(
            stored.Where(v => v.Table is "events" or "webhook_deliveries"),
            v => Assert.DoesNotContain(Sub, v.Text, StringComparison.Ordinal));
        Assert.All(fx.Logs.Lines, AssertAbsent);
    }

    private static async Task<JsonNode> ReadStatusAsync(HttpClient party, Guid id) =>
        await (await party.GetAsync($"/v1/referrals/{id}/status", Http.Ct)).ExpectAsync(HttpStatusCode.OK);

    /// <summary>The field is there, and null: the request was made with a key.</summary>
    private static void AssertNoPerson(JsonNode? entry)
    {
        Assert.True(entry!.AsObject().TryGetPropertyValue("actingPerson", out var value), "actingPerson is missing: " + entry.ToJsonString());
        Assert.Null(value);
    }

    private static void AssertAbsent(string text)
    {
        Assert.DoesNotContain(Sub, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Name, text, StringComparison.Ordinal);
    }
}

public sealed class ActingPersonTests_Sqlite(ActingPersonFixture<Sqlite> fx) : ActingPersonTests<Sqlite>(fx);

public sealed class ActingPersonTests_Postgres(ActingPersonFixture<Postgres> fx) : ActingPersonTests<Postgres>(fx);

public sealed class ActingPersonTests_SqlServer(ActingPersonFixture<SqlServer> fx) : ActingPersonTests<SqlServer>(fx);
