using System.Data.Common;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using ReferralApi.Features.AdminAudit;
using ReferralApi.Features.Privacy;
using ReferralApi.Infrastructure.Security;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Privacy;
using ReferralApi.IntegrationTests.Support;
using ReferralApi.IntegrationTests.Webhooks;
using static ReferralApi.IntegrationTests.Privacy.RotationKeys;

namespace ReferralApi.IntegrationTests.Tokens;

/// <summary>
/// The person's name is sealed in every record that carries it, and the re-encryption after a key
/// rotation moves each of them to the new key, the append-only logs included, whose triggers let
/// nothing else through.
/// </summary>
public abstract class ActingPersonRotationTests<TEngine>(ActingPersonFixture<TEngine> fx) : IClassFixture<ActingPersonFixture<TEngine>>
    where TEngine : IEngine
{
    private const string Sub = ActingPersonTests<TEngine>.Sub;
    private const string PersonJson = ActingPersonTests<TEngine>.PersonJson;
    private static readonly string[] PersonTables = ["access_log", "admin_audit_log", "referral_notes", "referral_status_changes"];

    [Fact]
    public async Task ReEncryption_MovesEveryStoredName_ToTheNewKey()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ActAsPersonAsync(sender, receiver);
        var before = await PersonRecordsAsync(sender.Client, receiver.Client, fx.CreateAdminClient(), id);
        Assert.All(await StoredNamesAsync(), v => Assert.StartsWith($"v1.{FirstId}.", v.Text, StringComparison.Ordinal));

        await using var rotated = SecondHost.Start(fx, Ring(SecondId, (FirstId, First), (SecondId, Second)));
        var report = await rotated.Services.GetRequiredService<ReEncryption>().RunAsync(Http.Ct);

        Assert.Equal(0, report.ValuesUnreadable);
        var stored = await StoredNamesAsync();
        Assert.Equal(PersonTables, stored.Select(v => v.Table).Distinct().Order(StringComparer.Ordinal));
        Assert.All(stored, v => Assert.StartsWith($"v1.{SecondId}.", v.Text, StringComparison.Ordinal));
        await using var secondKeyOnly = SecondHost.Start(fx, Ring(SecondId, (SecondId, Second)));
        using var lastSender = secondKeyOnly.ClientFor(sender);
        using var lastReceiver = secondKeyOnly.ClientFor(receiver);
        using var lastAdmin = secondKeyOnly.CreateClient().WithKey(secondKeyOnly.AdminKey);
        Assert.Equal(before, await PersonRecordsAsync(lastSender, lastReceiver, lastAdmin, id));
    }

    [Theory]
    [InlineData("access_log", "UPDATE access_log SET person_sub = 'someone-else' WHERE person_name IS NOT NULL")]
    [InlineData("access_log", "UPDATE access_log SET person_name = NULL WHERE person_name IS NOT NULL")]
    [InlineData("access_log", "UPDATE access_log SET action = 'nothing_happened', person_name = person_name WHERE person_name IS NOT NULL")]
    [InlineData("access_log", "UPDATE access_log SET person_name = 'v1.forged' WHERE person_name IS NULL")]
    [InlineData("admin_audit_log", "UPDATE admin_audit_log SET person_sub = 'someone-else' WHERE person_name IS NOT NULL")]
    [InlineData("admin_audit_log", "UPDATE admin_audit_log SET status = 500, person_name = person_name WHERE person_name IS NOT NULL")]
    [InlineData("admin_audit_log", "DELETE FROM admin_audit_log WHERE person_name IS NOT NULL")]
    public async Task Logs_LetNothingButAResealedNameChange(string table, string statement)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        await ActAsPersonAsync(sender, receiver);
        await using var connection = fx.CreateConnection();
        var rows = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE person_name IS NOT NULL");

        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(statement));

        Assert.True(rows > 0, $"No row of {table} names a person.");
        Assert.Equal(rows, await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE person_name IS NOT NULL AND person_sub = '{Sub}'"));
    }

    /// <summary>
    /// A person reads, acknowledges and writes a note with a token; an admin action by a person is
    /// recorded through the audit store, as no route lets a token act as admin yet.
    /// </summary>
    private async Task<Guid> ActAsPersonAsync(TestAgency sender, TestAgency receiver)
    {
        var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));
        using var person = fx.CreateClient(fx.Issuer.Mint(receiver.Code, "referrals.read referrals.write", subject: Sub, name: ActingPersonTests<TEngine>.Name));
        using var ack = await person.PostJsonAsync($"/v1/referrals/{id}/acknowledgement", new JsonObject { ["decision"] = "received" });
        await ack.ExpectAsync(HttpStatusCode.OK);
        using var note = await person.PostJsonAsync($"/v1/referrals/{id}/notes", new JsonObject { ["text"] = "Called the safe contact." });
        await note.ExpectAsync(HttpStatusCode.Created);
        await using var scope = fx.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AdminAuditStore>().RecordAsync(
            new AdminAuditEntry(DateTimeOffset.UtcNow, "0123456789ab", "rotation_check", id, 200, Guid.NewGuid().ToString("N"), new ActingPerson(Sub, ActingPersonTests<TEngine>.Name)),
            Http.Ct);
        return id;
    }

    /// <summary>Every record of the referral that names the person, as the parties and the admin see them.</summary>
    private static async Task<string> PersonRecordsAsync(HttpClient sender, HttpClient receiver, HttpClient admin, Guid id)
    {
        var seen = new List<string>();
        foreach (var party in new[] { sender, receiver })
        {
            seen.AddRange((await AccessLogApi.ForReferralAsync(party, id)).Where(Named).Select(e => $"{e["action"]} {e["actingPerson"]!.ToJsonString()}"));
            var status = await (await party.GetAsync($"/v1/referrals/{id}/status", Http.Ct)).ExpectAsync(HttpStatusCode.OK);
            seen.AddRange(status["history"]!.AsArray().Where(Named).Select(h => $"{h!["status"]} {h["actingPerson"]!.ToJsonString()}"));
            var notes = await (await party.GetAsync($"/v1/referrals/{id}/notes", Http.Ct)).ExpectAsync(HttpStatusCode.OK);
            seen.AddRange(notes["items"]!.AsArray().Where(Named).Select(n => $"note {n!["actingPerson"]!.ToJsonString()}"));
        }

        var audit = await AccessLogApi.AllPagesAsync(admin, "/v1/admin/audit-log?limit=100");
        seen.AddRange(audit.Where(e => (string?)e["targetId"] == id.ToString()).Select(e => $"{e["action"]} {e["actingPerson"]!.ToJsonString()}"));
        var all = string.Join("\n", seen);
        Assert.Equal((2 * 4) + 1, seen.Count);
        Assert.All(seen, line => Assert.EndsWith(PersonJson, line, StringComparison.Ordinal));
        return all;
    }

    private static bool Named(JsonNode? entry) => entry!["actingPerson"] is not null;

    private async Task<List<RawValue>> StoredNamesAsync() =>
        [.. (await RawDatabase.AllValuesAsync(fx.Database)).Where(v => v.Column == "person_name")];
}

public sealed class ActingPersonRotationTests_Sqlite(ActingPersonFixture<Sqlite> fx) : ActingPersonRotationTests<Sqlite>(fx);

public sealed class ActingPersonRotationTests_Postgres(ActingPersonFixture<Postgres> fx) : ActingPersonRotationTests<Postgres>(fx);

public sealed class ActingPersonRotationTests_SqlServer(ActingPersonFixture<SqlServer> fx) : ActingPersonRotationTests<SqlServer>(fx);
