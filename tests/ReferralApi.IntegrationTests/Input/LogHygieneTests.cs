using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;
using static ReferralApi.IntegrationTests.Support.PersonalData;

namespace ReferralApi.IntegrationTests.Input;

/// <summary>
/// Logs are read by operators who must not see a victim's identity, an agency's key or a webhook
/// secret: a referral's whole life, its failures included, leaves none of them in any log line at
/// any level; and error answers never carry SQL.
/// </summary>
public abstract class LogHygieneTests<TEngine>(LogCaptureFixture<TEngine> fx) : IClassFixture<LogCaptureFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task ReferralLife_LeavesNoIdentityKeyOrWebhookSecretInAnyLogLine()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        using var rotation = await sender.Client.PostJsonAsync($"/v1/agencies/{sender.Id}/api-keys", null);
        var rotatedKey = (string)(await rotation.ExpectAsync(HttpStatusCode.Created))["key"]!;
        using var subscribed = await receiver.Client.PostJsonAsync("/v1/webhooks", new JsonObject { ["url"] = "http://127.0.0.1:9/hooks", ["eventTypes"] = new JsonArray() });
        var webhook = await subscribed.ExpectAsync(HttpStatusCode.Created);
        using var rotatedWebhook = await receiver.Client.PostJsonAsync($"/v1/webhooks/{webhook["id"]}/rotate-secret", null);
        string[] webhookSecrets = [(string)webhook["secret"]!, (string)(await rotatedWebhook.ExpectAsync(HttpStatusCode.OK))["secret"]!];
        var body = Identified(Scenario.ReferralBody(receiver.Id));
        var idempotency = ("Idempotency-Key", "log-hygiene-" + Guid.NewGuid());

        using var created = await sender.Client.PostJsonAsync("/v1/referrals", body, idempotency);
        var id = Scenario.IdOf(await created.ExpectAsync(HttpStatusCode.Created));
        using var replayed = await sender.Client.PostJsonAsync("/v1/referrals", body, idempotency);
        await replayed.ExpectAsync(HttpStatusCode.Created);
        await GetOkAsync(receiver.Client, $"/v1/referrals/{id}");
        await Scenario.AcknowledgeAsync(receiver, id, "received");
        await Scenario.AcknowledgeAsync(receiver, id, "accepted");
        Assert.Equal(NationalId, (string?)(await GetOkAsync(receiver.Client, $"/v1/referrals/{id}"))["subject"]!["nationalId"]);
        using var note = await sender.Client.PostJsonAsync($"/v1/referrals/{id}/notes", new JsonObject { ["text"] = $"{FullName} can be reached on {Phone}." });
        await note.ExpectAsync(HttpStatusCode.Created);
        await GetOkAsync(receiver.Client, $"/v1/referrals/{id}/notes");
        await Scenario.MoveAsync(receiver, id, "in_progress");
        await Scenario.MoveAsync(receiver, id, "completed");
        await GetOkAsync(sender.Client, $"/v1/referrals/{id}/status");
        await GetOkAsync(receiver.Client, "/v1/referrals?box=inbox");

        // Failures that carry the same values in the body, where a careless log line would repeat them.
        await ExpectRefusedAsync(sender.Client, Identified(Scenario.ReferralBody(receiver.Id)).Set("subject.nationalId", NationalId + "9"));
        await ExpectRefusedAsync(sender.Client, Identified(Scenario.ReferralBody(receiver.Id)).Set("subject.nickname", FullName));
        await ExpectRefusedAsync(sender.Client, Identified(Scenario.ReferralBody(receiver.Id)).Set("subject.ageYears", NationalId));
        await ExpectRefusedAsync(sender.Client, Identified(Scenario.ReferralBody(receiver.Id)).Set("subject.sex", FullName));
        await ExpectRefusedAsync(sender.Client, Identified(Scenario.ReferralBody(sender.Id)));
        await ExpectRefusedAsync(sender.Client, Identified(Scenario.ReferralBody(receiver.Id)).Set("externalReference", (string?)body["externalReference"]));
        using var truncated = await sender.Client.PostRawAsync("/v1/referrals", body.ToJsonString()[..^40]);
        await ProblemAssert.ExpectValidationAsync(truncated);
        foreach (var wrong in new[] { sender.Key + "x", sender.Key[13..], rotatedKey[..^1] })
        {
            using var response = await fx.CreateClient(wrong).GetAsync("/v1/me", Http.Ct);
            await ProblemAssert.ExpectAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        }

        var lines = fx.Logs.Lines;
        Assert.Contains(lines, l => l.Contains("/v1/referrals", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Debug ", StringComparison.Ordinal) || l.StartsWith("Trace ", StringComparison.Ordinal));
        string[] secrets =
        [
            FullName, NationalId, Phone, Address, sender.Key, receiver.Key, rotatedKey, sender.Key[13..], receiver.Key[13..], rotatedKey[13..],
            .. webhookSecrets, .. webhookSecrets.Select(s => s["whsec_".Length..]),
        ];
        var leaks = lines.Where(l => secrets.Any(s => l.Contains(s, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} of {lines.Count} log lines leak:\n{string.Join("\n", leaks.Take(10))}");
    }

    [Fact]
    public async Task ErrorsFromTheDatabase_AnswerWithoutSqlText_AndWithoutAServerError()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        using var admin = fx.CreateAdminClient();
        var first = await Scenario.SendReferralAsync(sender, receiver);
        var agency = new JsonObject { ["code"] = receiver.Code, ["name"] = "Copy", ["sector"] = "health", ["regionCode"] = "61", ["roles"] = new JsonArray("agency") };
        var before = fx.Logs.Lines.Count;

        using var duplicateReference = await sender.Client.PostJsonAsync("/v1/referrals",
            Scenario.ReferralBody(receiver.Id).Set("externalReference", (string?)first["externalReference"]));
        using var duplicateCode = await admin.PostJsonAsync("/v1/agencies", agency);
        using var unknownCase = await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(receiver.Id).Set("caseId", Guid.CreateVersion7().ToString()));

        string[] sql = ["select ", "insert into", "update ", "unique", "duplicate key", "violates", "sqlite", "npgsql", "postgres", "referrals.", "_id", "ux_"];
        foreach (var (response, status, code) in new[]
        {
            (duplicateReference, HttpStatusCode.Conflict, "duplicate-external-reference"),
            (duplicateCode, HttpStatusCode.Conflict, "duplicate-agency-code"),
            (unknownCase, HttpStatusCode.UnprocessableEntity, "case-unavailable"),
        })
        {
            var text = (await ProblemAssert.ExpectAsync(response, status, code)).ToJsonString();
            Assert.DoesNotContain(sql, s => text.Contains(s, StringComparison.OrdinalIgnoreCase));
        }

        var errors = fx.Logs.Lines.Skip(before).Where(l => l.StartsWith("Error ", StringComparison.Ordinal) || l.StartsWith("Critical ", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, $"Expected refusals logged no errors:\n{string.Join("\n", errors.Take(5))}");
    }

    private static async Task ExpectRefusedAsync(HttpClient client, JsonObject body)
    {
        using var response = await client.PostJsonAsync("/v1/referrals", body);
        var text = await response.Content.ReadAsStringAsync(Http.Ct);
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"Expected a refusal, got {(int)response.StatusCode}: {text}");
        ProblemAssert.Shape(response, text);
    }

    private static async Task<JsonNode> GetOkAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Http.Ct);
        return await response.ExpectAsync(HttpStatusCode.OK);
    }
}

public sealed class LogHygieneTests_Sqlite(LogCaptureFixture<Sqlite> fx) : LogHygieneTests<Sqlite>(fx);

public sealed class LogHygieneTests_Postgres(LogCaptureFixture<Postgres> fx) : LogHygieneTests<Postgres>(fx);

public sealed class LogHygieneTests_SqlServer(LogCaptureFixture<SqlServer> fx) : LogHygieneTests<SqlServer>(fx);
