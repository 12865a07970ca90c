using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Input;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Referrals;

/// <summary>
/// Routing on the receiver's directory entry: no referral to an agency that is closed or offers
/// none of the requested services; a full one still receives it, and the sender is warned.
/// </summary>
public abstract class RoutingRuleTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task ToAnAgencyOfferingNoneOfTheServices_Returns422_ServiceNotOffered_NamingWhatItOffers()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var hospital = await fx.CreateAgencyAsync(services: ["medical", "psychological"]);

        using var response = await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(hospital.Id));

        var problem = await ProblemAssert.ExpectAsync(response, HttpStatusCode.UnprocessableEntity, "service-not-offered");
        Assert.Equal("""["medical","psychological"]""", problem["offeredServices"]!.ToJsonString());
        Assert.Contains("medical, psychological", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Empty(await OutboxAsync(sender));
    }

    [Fact]
    public async Task RoutingProblems_InIndonesian_GiveIndonesianTitlesAndDetails()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var hospital = await fx.CreateAgencyAsync(services: ["medical"]);
        using var closed = await fx.CreateAgencyAsync(capacityStatus: "closed");

        using var notOffered = await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(hospital.Id), ("Accept-Language", "id"));
        using var refused = await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(closed.Id), ("Accept-Language", "id-ID"));

        var service = await ProblemAssert.ExpectAsync(notOffered, HttpStatusCode.UnprocessableEntity, "service-not-offered");
        Assert.Equal("Lembaga penerima tidak menawarkan satu pun layanan yang diminta.", (string?)service["title"]);
        Assert.StartsWith("Layanan lembaga ini: medical.", (string?)service["detail"], StringComparison.Ordinal);
        var capacity = await ProblemAssert.ExpectAsync(refused, HttpStatusCode.UnprocessableEntity, "recipient-closed");
        Assert.Equal("Lembaga penerima sedang tidak menerima rujukan baru (capacityStatus closed).", (string?)capacity["title"]);
    }

    [Fact]
    public async Task ToAClosedAgency_Returns422_RecipientClosed()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var shelter = await fx.CreateAgencyAsync(capacityStatus: "closed");

        using var response = await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(shelter.Id));

        await ProblemAssert.ExpectAsync(response, HttpStatusCode.UnprocessableEntity, "recipient-closed");
        Assert.Empty(await OutboxAsync(sender));
    }

    [Fact]
    public async Task AnAgencyClosingItself_StopsNewReferrals_AndReopeningLetsThemIn()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var shelter = await fx.CreateAgencyAsync();
        using var closing = await shelter.Client.PatchJsonAsync("/v1/me/agency", new JsonObject { ["capacityStatus"] = "closed" });
        await closing.ExpectAsync(HttpStatusCode.OK);

        using var refused = await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(shelter.Id));
        await ProblemAssert.ExpectAsync(refused, HttpStatusCode.UnprocessableEntity, "recipient-closed");

        using var reopening = await shelter.Client.PatchJsonAsync("/v1/me/agency", new JsonObject { ["capacityStatus"] = "limited" });
        await reopening.ExpectAsync(HttpStatusCode.OK);
        var sent = await Scenario.SendReferralAsync(sender, shelter);
        Assert.Empty(sent["warnings"]!.AsArray());
    }

    [Fact]
    public async Task ToAFullAgency_Returns201_WithARecipientFullWarning_InTheCallersLanguage()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var shelter = await fx.CreateAgencyAsync(capacityStatus: "full");

        using var english = await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(shelter.Id));
        using var indonesian = await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(shelter.Id), ("Accept-Language", "id-ID"));

        var inEnglish = Assert.Single((await english.ExpectAsync(HttpStatusCode.Created))["warnings"]!.AsArray())!;
        var inIndonesian = Assert.Single((await indonesian.ExpectAsync(HttpStatusCode.Created))["warnings"]!.AsArray())!;
        Assert.Equal("recipient-full", (string?)inEnglish["code"]);
        Assert.StartsWith("The receiving agency reports that it is full", (string?)inEnglish["message"], StringComparison.Ordinal);
        Assert.Equal("recipient-full", (string?)inIndonesian["code"]);
        Assert.StartsWith("Lembaga penerima melaporkan kapasitasnya penuh", (string?)inIndonesian["message"], StringComparison.Ordinal);
        Assert.Equal(2, (await OutboxAsync(sender)).Count);
    }

    [Fact]
    public async Task SomeServicesNotOffered_Returns201_WithAWarningNamingThem()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var shelter = await fx.CreateAgencyAsync(services: ["safe_house"]);

        var sent = await Scenario.SendReferralAsync(sender, shelter);

        var warning = Assert.Single(sent["warnings"]!.AsArray())!;
        Assert.Equal("services-partly-offered", (string?)warning["code"]);
        Assert.Equal("The receiving agency does not offer: psychosocial.", (string?)warning["message"]);
    }

    [Fact]
    public async Task Warnings_AreOnlyInTheAnswerToTheSender_NotWhenTheReferralIsRead()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var shelter = await fx.CreateAgencyAsync(capacityStatus: "full");
        var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, shelter));

        var asSender = await ReferralSteps.GetAsync(sender, id);
        var asReceiver = await ReferralSteps.GetAsync(shelter, id);

        Assert.False(asSender.AsObject().ContainsKey("warnings"));
        Assert.False(asReceiver.AsObject().ContainsKey("warnings"));
    }

    [Fact]
    public async Task AReplayedCreate_CarriesTheWarningToo()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var shelter = await fx.CreateAgencyAsync(capacityStatus: "full");
        var body = Scenario.ReferralBody(shelter.Id);
        var key = ("Idempotency-Key", "routing-" + Guid.NewGuid().ToString("N"));

        using var first = await sender.Client.PostJsonAsync("/v1/referrals", body, key);
        using var replay = await sender.Client.PostJsonAsync("/v1/referrals", body, key);

        await first.ExpectAsync(HttpStatusCode.Created);
        var replayed = await replay.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal("recipient-full", (string?)Assert.Single(replayed["warnings"]!.AsArray())!["code"]);
    }

    private static async Task<List<Guid>> OutboxAsync(TestAgency sender) =>
        await ReferralSteps.AllPagesAsync(sender.Client, "/v1/referrals?box=outbox", 50);
}

public sealed class RoutingRuleTests_Sqlite(ApiFixture<Sqlite> fx) : RoutingRuleTests<Sqlite>(fx);

public sealed class RoutingRuleTests_Postgres(ApiFixture<Postgres> fx) : RoutingRuleTests<Postgres>(fx);

public sealed class RoutingRuleTests_SqlServer(ApiFixture<SqlServer> fx) : RoutingRuleTests<SqlServer>(fx);
