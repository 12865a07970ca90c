using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Events;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Privacy;

/// <summary>
/// <c>POST /v1/referrals/{id}/consent-withdrawal</c>: the open consent-based referrals of the case
/// that the caller sent are cancelled with subject_withdrew, and their receivers lose sight of the
/// identity and hear of it; onward referrals others sent are only told (consent.withdrawn_upstream);
/// legal-obligation and finished referrals stay as they were.
/// </summary>
public abstract class ConsentWithdrawalTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    private static readonly string[] IdentityFields = ["fullName", "nationalId", "birthDate", "phone", "address"];

    [Fact]
    public async Task Withdrawal_CancelsTheCallersOpenConsentReferrals_AndLeavesOthersReferralsAlone()
    {
        using var c = await ConsentCase.CreateAsync(fx);

        var withdrawal = await c.WithdrawAsync();

        Assert.Equal(c.ToUptd, Guid.Parse((string)withdrawal["referralId"]!));
        Assert.Equal(c.CaseId, Guid.Parse((string)withdrawal["caseId"]!));
        Assert.Equal("Withdrawn by phone to the case officer", (string?)withdrawal["note"]);
        Assert.Equal([c.ToUptd], withdrawal["cancelledReferralIds"]!.AsArray().Select(i => Guid.Parse((string)i!)));
        var status = await ReferralSteps.StatusAsync(c.Uptd, c.ToUptd);
        Assert.Equal("cancelled", (string?)status["status"]);
        var last = status["history"]!.AsArray()[^1]!;
        Assert.Equal(("cancelled", "subject_withdrew", c.Police.Id), ((string?)last["status"], (string?)last["reasonCode"], Guid.Parse((string)last["byAgencyId"]!)));

        Assert.Equal("sent", (string?)(await ReferralSteps.GetAsync(c.Uptd, c.ToHospital))["status"]);
        Assert.Equal("accepted", (string?)(await ReferralSteps.GetAsync(c.Shelter, c.ToShelter))["status"]);
        Assert.Equal("Siti Aminah Testdata", (string?)(await ReferralSteps.GetAsync(c.Shelter, c.ToShelter))["subject"]!["fullName"]);
        Assert.Equal("completed", (string?)(await ReferralSteps.GetAsync(c.LegalAid, c.ToLegalAid))["status"]);
    }

    [Fact]
    public async Task AnAgencyThatJoinedTheCase_CannotCancelOtherAgenciesReferrals_WithAThrowawayWithdrawal()
    {
        using var c = await ConsentCase.CreateAsync(fx);
        using var accomplice = await fx.CreateAgencyAsync();
        await Scenario.AcknowledgeAsync(c.Hospital, c.ToHospital, "declined");
        var throwaway = Scenario.IdOf(await Scenario.SendReferralAsync(c.Hospital, accomplice, b => b["caseId"] = c.CaseId.ToString()));

        using var response = await c.Hospital.Client.PostJsonAsync($"/v1/referrals/{throwaway}/consent-withdrawal", ConsentCase.Withdrawal());

        var withdrawal = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([throwaway], withdrawal["cancelledReferralIds"]!.AsArray().Select(i => Guid.Parse((string)i!)));
        Assert.Equal("accepted", (string?)(await ReferralSteps.GetAsync(c.Police, c.ToUptd))["status"]);
        Assert.Equal("accepted", (string?)(await ReferralSteps.GetAsync(c.Police, c.ToShelter))["status"]);
        var (events, _) = await FeedReader.PollAsync(c.Uptd.Client, null, "&types=consent.withdrawn,consent.withdrawn_upstream,referral.cancelled");
        Assert.Empty(events);
    }

    [Fact]
    public async Task Withdrawal_ErasesIdentityForTheReceiver_WhileTheSenderKeepsWhatItSent()
    {
        using var c = await ConsentCase.CreateAsync(fx);
        Assert.Equal("Siti Aminah Testdata", (string?)(await ReferralSteps.GetAsync(c.Uptd, c.ToUptd))["subject"]!["fullName"]);

        await c.WithdrawAsync();

        var subject = (await ReferralSteps.GetAsync(c.Uptd, c.ToUptd))["subject"]!;
        Assert.All(IdentityFields, field => Assert.Null(subject[field]));
        Assert.Equal("S.A.", (string?)subject["initials"]);
        var caseAsUptd = await GetCaseAsync(c.Uptd, c.CaseId);
        Assert.Null(caseAsUptd["referrals"]!.AsArray().Single(r => (string?)r!["id"] == c.ToUptd.ToString())!["subject"]!["fullName"]);
        Assert.Equal("Siti Aminah Testdata", (string?)(await ReferralSteps.GetAsync(c.Police, c.ToUptd))["subject"]!["fullName"]);
        Assert.Equal("Siti Aminah Testdata", (string?)(await ReferralSteps.GetAsync(c.Uptd, c.ToHospital))["subject"]!["fullName"]);
    }

    [Fact]
    public async Task Withdrawal_TellsTheReceiver_AndThePartiesOfItsOnwardReferral_AndNoOneElse()
    {
        using var c = await ConsentCase.CreateAsync(fx);

        await c.WithdrawAsync();

        var (uptdEvents, _) = await FeedReader.ReadAtLeastAsync(c.Uptd.Client, null, 3, "&types=consent.withdrawn,consent.withdrawn_upstream,referral.cancelled");
        Assert.Contains(uptdEvents, e => (string?)e["type"] == "consent.withdrawn" && (string?)e["data"]!["referralId"] == c.ToUptd.ToString());
        Assert.Contains(uptdEvents, e => (string?)e["type"] == "referral.cancelled" && (string?)e["data"]!["referralId"] == c.ToUptd.ToString());
        Assert.Contains(uptdEvents, e => (string?)e["type"] == "consent.withdrawn_upstream" && (string?)e["data"]!["referralId"] == c.ToHospital.ToString());
        var (hospitalEvents, _) = await FeedReader.ReadAtLeastAsync(c.Hospital.Client, null, 1, "&types=consent.withdrawn,consent.withdrawn_upstream,referral.cancelled");
        var upstream = Assert.Single(hospitalEvents);
        Assert.Equal("consent.withdrawn_upstream", (string?)upstream["type"]);
        Assert.Equal(c.ToHospital.ToString(), (string?)upstream["data"]!["referralId"]);
        Assert.Equal("sent", (string?)upstream["data"]!["status"]);
        Assert.Equal(c.Police.Id.ToString(), (string?)upstream["data"]!["actorAgencyId"]);
        Assert.DoesNotContain("Siti", upstream.ToJsonString(), StringComparison.Ordinal);

        foreach (var untouched in new[] { c.Shelter, c.LegalAid })
        {
            var (events, _) = await FeedReader.PollAsync(untouched.Client, null, "&types=consent.withdrawn,consent.withdrawn_upstream,referral.cancelled");
            Assert.Empty(events);
        }
    }

    [Fact]
    public async Task Withdrawal_OnAFinishedReferral_Is409_OnALegalObligationReferral_Is422_AndNothingChanges()
    {
        using var c = await ConsentCase.CreateAsync(fx);

        using var finished = await c.Police.Client.PostJsonAsync($"/v1/referrals/{c.ToLegalAid}/consent-withdrawal", ConsentCase.Withdrawal());
        using var legalObligation = await c.Police.Client.PostJsonAsync($"/v1/referrals/{c.ToShelter}/consent-withdrawal", ConsentCase.Withdrawal());

        await finished.ExpectProblemAsync(HttpStatusCode.Conflict, "referral-not-open");
        await legalObligation.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "not-consent-based");
        Assert.Equal("accepted", (string?)(await ReferralSteps.GetAsync(c.Police, c.ToUptd))["status"]);
    }

    [Fact]
    public async Task Withdrawal_IsForTheSenderOnly_403ForTheReceiver_404ForAnyoneElse()
    {
        using var c = await ConsentCase.CreateAsync(fx);
        using var stranger = await fx.CreateAgencyAsync();

        using var byReceiver = await c.Uptd.Client.PostJsonAsync($"/v1/referrals/{c.ToUptd}/consent-withdrawal", ConsentCase.Withdrawal());
        using var byOtherCaseParty = await c.Hospital.Client.PostJsonAsync($"/v1/referrals/{c.ToUptd}/consent-withdrawal", ConsentCase.Withdrawal());
        using var byStranger = await stranger.Client.PostJsonAsync($"/v1/referrals/{c.ToUptd}/consent-withdrawal", ConsentCase.Withdrawal());

        await byReceiver.ExpectProblemAsync(HttpStatusCode.Forbidden, "not-permitted");
        await byOtherCaseParty.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        await byStranger.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal("accepted", (string?)(await ReferralSteps.GetAsync(c.Police, c.ToUptd))["status"]);
    }

    [Fact]
    public async Task Withdrawal_WithTheSameIdempotencyKey_AnswersTheFirstResultAgain_AndCancelsOnce()
    {
        using var c = await ConsentCase.CreateAsync(fx);
        var key = ("Idempotency-Key", "withdrawal-" + Guid.NewGuid());

        var body = ConsentCase.Withdrawal();

        var first = await c.WithdrawAsync(body, key);
        using var again = await c.Police.Client.PostJsonAsync($"/v1/referrals/{c.ToUptd}/consent-withdrawal", body, key);

        var replay = await again.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.ToJsonString(), replay.ToJsonString());
        var history = (await ReferralSteps.StatusAsync(c.Police, c.ToUptd))["history"]!.AsArray();
        Assert.Single(history, h => (string?)h!["status"] == "cancelled");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("future")]
    public async Task Withdrawal_Returns400NamingRecordedAt_WhenMissingOrInTheFuture(string? recordedAt)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "sent");
        var body = new JsonObject { ["note"] = "x" };
        if (recordedAt is not null)
        {
            body["recordedAt"] = DateTimeOffset.UtcNow.AddDays(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        using var response = await sender.Client.PostJsonAsync($"/v1/referrals/{id}/consent-withdrawal", body);

        await Input.ProblemAssert.ExpectValidationAsync(response, "$.recordedAt");
        Assert.Equal("sent", (string?)(await ReferralSteps.GetAsync(sender, id))["status"]);
    }

    private static async Task<JsonNode> GetCaseAsync(TestAgency party, Guid caseId)
    {
        using var response = await party.Client.GetAsync($"/v1/cases/{caseId}", Http.Ct);
        return await response.ExpectAsync(HttpStatusCode.OK);
    }
}

public sealed class ConsentWithdrawalTests_Sqlite(ApiFixture<Sqlite> fx) : ConsentWithdrawalTests<Sqlite>(fx);

public sealed class ConsentWithdrawalTests_Postgres(ApiFixture<Postgres> fx) : ConsentWithdrawalTests<Postgres>(fx);

public sealed class ConsentWithdrawalTests_SqlServer(ApiFixture<SqlServer> fx) : ConsentWithdrawalTests<SqlServer>(fx);
