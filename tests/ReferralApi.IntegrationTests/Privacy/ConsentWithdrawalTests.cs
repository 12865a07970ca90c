using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Events;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Privacy;

/// <summary>
/// <c>POST /v1/referrals/{id}/consent-withdrawal</c>: the open consent-based referrals of the case
/// are cancelled with subject_withdrew and their receivers lose sight of the identity and hear of
/// it; legal-obligation and finished referrals stay as they were.
/// </summary>
public abstract class ConsentWithdrawalTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    private static readonly string[] IdentityFields = ["fullName", "nationalId", "birthDate", "phone", "address"];

    [Fact]
    public async Task Withdrawal_CancelsOpenConsentReferralsOfTheCase_AndKeepsTheOthers()
    {
        using var c = await ConsentCase.CreateAsync(fx);

        var withdrawal = await c.WithdrawAsync();

        Assert.Equal(c.ToUptd, Guid.Parse((string)withdrawal["referralId"]!));
        Assert.Equal(c.CaseId, Guid.Parse((string)withdrawal["caseId"]!));
        Assert.Equal("Withdrawn by phone to the case officer", (string?)withdrawal["note"]);
        Assert.Equal([c.ToUptd, c.ToHospital], withdrawal["cancelledReferralIds"]!.AsArray().Select(i => Guid.Parse((string)i!)).Order());
        foreach (var (party, id) in new[] { (c.Police, c.ToUptd), (c.Uptd, c.ToHospital) })
        {
            var status = await ReferralSteps.StatusAsync(party, id);
            Assert.Equal("cancelled", (string?)status["status"]);
            var last = status["history"]!.AsArray()[^1]!;
            Assert.Equal(("cancelled", "subject_withdrew", c.Police.Id), ((string?)last["status"], (string?)last["reasonCode"], Guid.Parse((string)last["byAgencyId"]!)));
        }

        Assert.Equal("accepted", (string?)(await ReferralSteps.GetAsync(c.Shelter, c.ToShelter))["status"]);
        Assert.Equal("Siti Aminah Testdata", (string?)(await ReferralSteps.GetAsync(c.Shelter, c.ToShelter))["subject"]!["fullName"]);
        Assert.Equal("completed", (string?)(await ReferralSteps.GetAsync(c.LegalAid, c.ToLegalAid))["status"]);
    }

    [Fact]
    public async Task Withdrawal_ErasesIdentityForReceivers_WhileSendersKeepWhatTheySent()
    {
        using var c = await ConsentCase.CreateAsync(fx);
        Assert.Equal("Siti Aminah Testdata", (string?)(await ReferralSteps.GetAsync(c.Uptd, c.ToUptd))["subject"]!["fullName"]);

        await c.WithdrawAsync();

        foreach (var (receiver, id) in new[] { (c.Uptd, c.ToUptd), (c.Hospital, c.ToHospital) })
        {
            var subject = (await ReferralSteps.GetAsync(receiver, id))["subject"]!;
            Assert.All(IdentityFields, field => Assert.Null(subject[field]));
            Assert.Equal("S.A.", (string?)subject["initials"]);
        }

        var caseAsUptd = await GetCaseAsync(c.Uptd, c.CaseId);
        Assert.Null(caseAsUptd["referrals"]!.AsArray().Single(r => (string?)r!["id"] == c.ToUptd.ToString())!["subject"]!["fullName"]);
        Assert.Equal("Siti Aminah Testdata", (string?)(await ReferralSteps.GetAsync(c.Police, c.ToUptd))["subject"]!["fullName"]);
    }

    [Fact]
    public async Task Withdrawal_TellsEachReceiverWithAConsentWithdrawnEvent_AndNoOneElse()
    {
        using var c = await ConsentCase.CreateAsync(fx);

        await c.WithdrawAsync();

        foreach (var (receiver, id) in new[] { (c.Uptd, c.ToUptd), (c.Hospital, c.ToHospital) })
        {
            var (events, _) = await FeedReader.ReadAtLeastAsync(receiver.Client, null, 1, "&types=consent.withdrawn,referral.cancelled");
            Assert.Contains(events, e => (string?)e["type"] == "consent.withdrawn" && (string?)e["data"]!["referralId"] == id.ToString());
            Assert.Contains(events, e => (string?)e["type"] == "referral.cancelled" && (string?)e["data"]!["referralId"] == id.ToString());
        }

        foreach (var untouched in new[] { c.Shelter, c.LegalAid })
        {
            var (events, _) = await FeedReader.PollAsync(untouched.Client, null, "&types=consent.withdrawn,referral.cancelled");
            Assert.Empty(events);
        }
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
