using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Input;

/// <summary>
/// Well-formed referrals that break a rule of the contract: 422 for the recipient and legal rules,
/// 409 for a reused externalReference; none of them leaves a referral or a case behind.
/// </summary>
public abstract class ReferralRuleTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task MediationRequested_WithSexualViolence_Returns422_MediationNotAllowed()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var recipient = await fx.CreateAgencyAsync();
        var body = Scenario.ReferralBody(recipient.Id).SetJson("servicesRequested", "[\"psychosocial\", \"mediation\"]");

        using var response = await sender.Client.PostJsonAsync("/v1/referrals", body);

        await ProblemAssert.ExpectAsync(response, HttpStatusCode.UnprocessableEntity, "mediation-not-allowed");
        await AssertSentNothingAsync(sender);
    }

    [Fact]
    public async Task MediationRequested_WithoutSexualViolence_Returns201()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var recipient = await fx.CreateAgencyAsync(services: ["mediation"]);
        var body = Scenario.ReferralBody(recipient.Id)
            .SetJson("violenceTypes", "[\"psychological\"]")
            .SetJson("servicesRequested", "[\"mediation\"]");
        body.Drop("trafficking");

        using var response = await sender.Client.PostJsonAsync("/v1/referrals", body);

        await response.ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task ReferralToTheSenderItself_Returns422_SelfReferral()
    {
        using var sender = await fx.CreateAgencyAsync();

        using var response = await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(sender.Id));

        await ProblemAssert.ExpectAsync(response, HttpStatusCode.UnprocessableEntity, "self-referral");
        await AssertSentNothingAsync(sender);
    }

    [Fact]
    public async Task UnknownRecipient_Returns422_RecipientUnavailable()
    {
        using var sender = await fx.CreateAgencyAsync();

        using var response = await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(Guid.CreateVersion7()));

        await ProblemAssert.ExpectAsync(response, HttpStatusCode.UnprocessableEntity, "recipient-unavailable");
        await AssertSentNothingAsync(sender);
    }

    [Fact]
    public async Task RecipientDeactivatedByAdmin_Returns422_RecipientUnavailable()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var recipient = await fx.CreateAgencyAsync();
        using var admin = fx.CreateAdminClient();
        using var deactivated = await admin.PatchJsonAsync($"/v1/agencies/{recipient.Id}", new JsonObject { ["active"] = false });
        await deactivated.ExpectAsync(HttpStatusCode.OK);

        using var response = await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(recipient.Id));

        await ProblemAssert.ExpectAsync(response, HttpStatusCode.UnprocessableEntity, "recipient-unavailable");
        await AssertSentNothingAsync(sender);
    }

    [Fact]
    public async Task RecipientNotAcceptingReferrals_Returns422_RecipientUnavailable()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var recipient = await fx.CreateAgencyAsync(acceptsReferrals: false);

        using var response = await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(recipient.Id));

        await ProblemAssert.ExpectAsync(response, HttpStatusCode.UnprocessableEntity, "recipient-unavailable");
        await AssertSentNothingAsync(sender);
    }

    [Fact]
    public async Task RecipientWithOversightRoleOnly_Returns422_RecipientUnavailable()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var oversight = await fx.CreateAgencyAsync(roles: ["oversight"], sector: "oversight");

        using var response = await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(oversight.Id));

        await ProblemAssert.ExpectAsync(response, HttpStatusCode.UnprocessableEntity, "recipient-unavailable");
    }

    [Fact]
    public async Task ExternalReferenceReused_BySameSender_Returns409_AndKeepsOnlyTheFirst()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var recipient = await fx.CreateAgencyAsync();
        var reference = "LP/" + Guid.NewGuid().ToString("N")[..12] + "/POLDA";
        await Scenario.SendReferralAsync(sender, recipient, b => b["externalReference"] = reference);

        using var again = await sender.Client.PostJsonAsync("/v1/referrals",
            Scenario.ReferralBody(recipient.Id).Set("externalReference", reference).Set("urgency", "routine"));

        await ProblemAssert.ExpectAsync(again, HttpStatusCode.Conflict, "duplicate-external-reference");
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM referrals WHERE from_agency_id = @Id", sender.Id));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM cases WHERE opened_by_agency_id = @Id", sender.Id));
    }

    [Fact]
    public async Task ExternalReferenceReused_ByAnotherSender_Returns201()
    {
        using var first = await fx.CreateAgencyAsync();
        using var second = await fx.CreateAgencyAsync();
        using var recipient = await fx.CreateAgencyAsync();
        var reference = "LP/" + Guid.NewGuid().ToString("N")[..12] + "/POLDA";
        await Scenario.SendReferralAsync(first, recipient, b => b["externalReference"] = reference);

        var created = await Scenario.SendReferralAsync(second, recipient, b => b["externalReference"] = reference);

        Assert.Equal(reference, (string?)created["externalReference"]);
        Assert.Equal(second.Id.ToString(), (string?)created["fromAgencyId"]);
    }

    /// <summary>A refused referral must not open a case or leave a row behind.</summary>
    private async Task AssertSentNothingAsync(TestAgency sender)
    {
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM referrals WHERE from_agency_id = @Id", sender.Id));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM cases WHERE opened_by_agency_id = @Id", sender.Id));
    }

    private async Task<long> CountAsync(string sql, Guid id)
    {
        await using var connection = fx.CreateConnection();
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, new { Id = id }, cancellationToken: Http.Ct));
    }
}

public sealed class ReferralRuleTests_Sqlite(ApiFixture<Sqlite> fx) : ReferralRuleTests<Sqlite>(fx);

public sealed class ReferralRuleTests_Postgres(ApiFixture<Postgres> fx) : ReferralRuleTests<Postgres>(fx);

public sealed class ReferralRuleTests_SqlServer(ApiFixture<SqlServer> fx) : ReferralRuleTests<SqlServer>(fx);
