using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Input;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Privacy;

/// <summary>
/// Retention: five years after a referral reached a terminal status its personal data is erased
/// and its non-identifying facts stay; open referrals and referrals under legal hold are never erased.
/// The host's clock is moved forward; every test reasons from its own referrals' times.
/// </summary>
public abstract class RetentionTests<TEngine>(RetentionFixture<TEngine> fx) : IClassFixture<RetentionFixture<TEngine>>
    where TEngine : IEngine
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays((5 * 365) + 2);
    private static readonly string[] IdentityFields = ["fullName", "nationalId", "birthDate", "phone", "address"];
    private static readonly string[] KeptSubjectFields = ["sex", "ageYears", "regionCode", "disability"];

    [Fact]
    public async Task TheBackgroundJob_ErasesPersonalDataPastRetention_AndKeepsTheFacts()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var completed = await IdentifiedLife.CompletedAsync(sender, receiver);
        var open = await IdentifiedLife.SendAsync(sender, receiver);
        await Scenario.AcknowledgeAsync(receiver, open, "accepted");
        var before = await ReferralSteps.GetAsync(sender, completed);

        await fx.AdvanceAsync(Retention, sender, receiver);
        var hold = await WaitUntilErasedAsync(sender, completed);

        var after = await ReferralSteps.GetAsync(sender, completed);
        var subject = after["subject"]!;
        Assert.All(IdentityFields, f => Assert.Null(subject[f]));
        Assert.Null(subject["safeContact"]!["notes"]);
        Assert.Equal(string.Empty, (string?)subject["initials"]);
        Assert.Equal(string.Empty, (string?)after["reason"]);
        Assert.Null((string?)after["externalReference"]);
        foreach (var kept in new[] { "status", "caseId", "fromAgencyId", "toAgencyId", "urgency", "violenceTypes", "servicesRequested", "trafficking", "incident", "legalBasis", "createdAt" })
        {
            Assert.Equal(before[kept]!.ToJsonString(), after[kept]!.ToJsonString());
        }

        Assert.All(KeptSubjectFields, f => Assert.Equal(before["subject"]![f]!.ToJsonString(), subject[f]!.ToJsonString()));
        Assert.False((bool)hold["legalHold"]!);
        Assert.Null(hold["retainedUntil"]);

        var everything = await IdentifiedLife.EverythingVisibleAsync(sender.Client, completed);
        Assert.DoesNotContain(IdentifiedLife.All, v => everything.Contains(v, StringComparison.Ordinal));
        var history = (await ReferralSteps.StatusAsync(receiver, completed))["history"]!.AsArray();
        Assert.Equal(["sent", "received", "accepted", "on_hold", "in_progress", "completed"], history.Select(h => (string)h!["status"]!));
        Assert.Equal(IdentifiedLife.NationalId, (string?)(await ReferralSteps.GetAsync(receiver, open))["subject"]!["nationalId"]);
    }

    [Fact]
    public async Task WithinRetention_NothingIsErased_AndRetainedUntilSaysWhen()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var declined = await IdentifiedLife.DeclinedAsync(sender, receiver);
        var declinedAt = DateTimeOffset.Parse((string)(await ReferralSteps.StatusAsync(sender, declined))["history"]!.AsArray()[^1]!["at"]!, CultureInfo.InvariantCulture);

        await fx.AdvanceAsync(TimeSpan.FromDays(4 * 365), sender, receiver);
        await fx.RunRetentionPassAsync();

        var hold = await LegalHoldAsync(receiver, declined);
        Assert.Null(hold["personalDataErasedAt"]);
        Assert.Equal(declinedAt.AddYears(5), DateTimeOffset.Parse((string)hold["retainedUntil"]!, CultureInfo.InvariantCulture));
        Assert.Equal(IdentifiedLife.NationalId, (string?)(await ReferralSteps.GetAsync(sender, declined))["subject"]!["nationalId"]);
    }

    [Fact]
    public async Task LegalHold_KeepsAReferralPastRetention_UntilItIsReleased()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var held = await IdentifiedLife.CancelledAsync(sender, receiver);

        var set = await SetHoldAsync(receiver, held, true);
        Assert.True((bool)set["legalHold"]!);
        Assert.Equal(receiver.Id, Guid.Parse((string)set["changedByAgencyId"]!));
        Assert.Null(set["retainedUntil"]);

        await fx.AdvanceAsync(Retention, sender, receiver);
        await fx.RunRetentionPassAsync();
        Assert.Null((await LegalHoldAsync(sender, held))["personalDataErasedAt"]);
        Assert.Equal(IdentifiedLife.NationalId, (string?)(await ReferralSteps.GetAsync(sender, held))["subject"]!["nationalId"]);

        using (var byOtherParty = await sender.Client.SendJsonAsync(HttpMethod.Put, $"/v1/referrals/{held}/legal-hold", new JsonObject { ["legalHold"] = false }))
        {
            await byOtherParty.ExpectProblemAsync(HttpStatusCode.Forbidden, "legal-hold-not-yours");
        }

        await fx.RunRetentionPassAsync();
        Assert.True((bool)(await LegalHoldAsync(sender, held))["legalHold"]!);
        Assert.Equal(IdentifiedLife.NationalId, (string?)(await ReferralSteps.GetAsync(sender, held))["subject"]!["nationalId"]);

        var released = await SetHoldAsync(receiver, held, false);
        Assert.False((bool)released["legalHold"]!);
        Assert.Equal(receiver.Id, Guid.Parse((string)released["changedByAgencyId"]!));
        await WaitUntilErasedAsync(receiver, held);
        Assert.Null((string?)(await ReferralSteps.GetAsync(sender, held))["subject"]!["nationalId"]);
    }

    [Fact]
    public async Task LegalHold_IsForTheTwoParties_NeedsAValue_AndIsRecordedInTheAccessLog()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        using var stranger = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "accepted");

        using var byStranger = await stranger.Client.SendJsonAsync(HttpMethod.Put, $"/v1/referrals/{id}/legal-hold", new JsonObject { ["legalHold"] = true });
        using var empty = await sender.Client.SendJsonAsync(HttpMethod.Put, $"/v1/referrals/{id}/legal-hold", new JsonObject());
        var first = await SetHoldAsync(sender, id, true);
        var repeated = await SetHoldAsync(sender, id, true);

        await byStranger.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.ExpectValidationAsync(empty, "$.legalHold");
        Assert.Equal(first.ToJsonString(), repeated.ToJsonString());
        Assert.Null(first["retainedUntil"]);
        Assert.Equal(["set_legal_hold", "set_legal_hold"], AccessLogApi.Actions(await AccessLogApi.ForReferralAsync(receiver.Client, id)).Where(a => a.Contains("legal_hold", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheAdmin_ReleasesAnyHold_AndAHoldTheAdminSetIsReleasedOnlyByTheAdmin()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        using var admin = fx.CreateAdminClient();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "accepted");
        await SetHoldAsync(sender, id, true);

        using var releasedByAdmin = await admin.SendJsonAsync(HttpMethod.Put, $"/v1/admin/referrals/{id}/legal-hold", new JsonObject { ["legalHold"] = false });
        Assert.False((bool)(await releasedByAdmin.ExpectAsync(HttpStatusCode.OK))["legalHold"]!);
        using var setByAdmin = await admin.SendJsonAsync(HttpMethod.Put, $"/v1/admin/referrals/{id}/legal-hold", new JsonObject { ["legalHold"] = true });
        var adminHold = await setByAdmin.ExpectAsync(HttpStatusCode.OK);
        using var bySender = await sender.Client.SendJsonAsync(HttpMethod.Put, $"/v1/referrals/{id}/legal-hold", new JsonObject { ["legalHold"] = false });
        using var byAgencyKeyOnAdminRoute = await sender.Client.SendJsonAsync(HttpMethod.Put, $"/v1/admin/referrals/{id}/legal-hold", new JsonObject { ["legalHold"] = false });
        using var unknown = await admin.SendJsonAsync(HttpMethod.Put, $"/v1/admin/referrals/{Guid.CreateVersion7()}/legal-hold", new JsonObject { ["legalHold"] = false });

        Assert.True((bool)adminHold["legalHold"]!);
        Assert.Null(adminHold["changedByAgencyId"]);
        Assert.Null(adminHold["subject"]);
        await bySender.ExpectProblemAsync(HttpStatusCode.Forbidden, "legal-hold-not-yours");
        await byAgencyKeyOnAdminRoute.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await unknown.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.True((bool)(await LegalHoldAsync(receiver, id))["legalHold"]!);
    }

    private static async Task<JsonNode> SetHoldAsync(TestAgency party, Guid id, bool legalHold)
    {
        using var response = await party.Client.SendJsonAsync(HttpMethod.Put, $"/v1/referrals/{id}/legal-hold", new JsonObject { ["legalHold"] = legalHold });
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    private static async Task<JsonNode> LegalHoldAsync(TestAgency party, Guid id)
    {
        using var response = await party.Client.GetAsync($"/v1/referrals/{id}/legal-hold", Http.Ct);
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>Reads the referral's retention state until the background job has erased it (or 30 s passed).</summary>
    private static async Task<JsonNode> WaitUntilErasedAsync(TestAgency party, Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var state = await LegalHoldAsync(party, id);
            if (state["personalDataErasedAt"] is not null || DateTime.UtcNow > deadline)
            {
                Assert.NotNull(state["personalDataErasedAt"]);
                return state;
            }

            await Task.Delay(100, Http.Ct);
        }
    }
}

public sealed class RetentionTests_Sqlite(RetentionFixture<Sqlite> fx) : RetentionTests<Sqlite>(fx);

public sealed class RetentionTests_Postgres(RetentionFixture<Postgres> fx) : RetentionTests<Postgres>(fx);

public sealed class RetentionTests_SqlServer(RetentionFixture<SqlServer> fx) : RetentionTests<SqlServer>(fx);
