using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Input;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Referrals;

/// <summary>
/// References issued by other systems are refused with whitespace at either end, on every engine:
/// SQL Server compares "LP/1" and "LP/1 " as equal, the others do not, so accepting them would make
/// the uniqueness of <c>externalReference</c> depend on the engine.
/// </summary>
public abstract class ReferenceWhitespaceTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Theory]
    [InlineData("LP/7/XI/2026 ")]
    [InlineData(" LP/7/XI/2026")]
    [InlineData("LP/7/XI/2026\t")]
    [InlineData("\u00a0LP/7/XI/2026")]
    public async Task Create_Returns400NamingExternalReference_WhenPadded(string reference)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var body = Scenario.ReferralBody(receiver.Id);
        body["externalReference"] = reference;

        using var response = await sender.Client.PostJsonAsync("/v1/referrals", body);

        var problem = await ProblemAssert.ExpectValidationAsync(response, "$.externalReference");
        Assert.Single(problem["errors"]!.AsObject());
        await AssertNothingSentAsync(receiver);
    }

    [Fact]
    public async Task Create_RefusesTheTrailingSpaceVariant_AndKeepsTheOriginalUnique()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var reference = "LP/" + Guid.NewGuid().ToString("N")[..8];
        await Scenario.SendReferralAsync(sender, receiver, b => b["externalReference"] = reference);

        using var padded = await sender.Client.PostJsonAsync("/v1/referrals", WithReference(receiver, reference + " "));
        using var repeated = await sender.Client.PostJsonAsync("/v1/referrals", WithReference(receiver, reference));

        await ProblemAssert.ExpectValidationAsync(padded, "$.externalReference");
        await repeated.ExpectProblemAsync(HttpStatusCode.Conflict, "duplicate-external-reference");
    }

    [Theory]
    [InlineData("LP/7/XI/2026 ")]
    [InlineData(" LP/7/XI/2026")]
    [InlineData("LP/7/XI/2026\t")]
    [InlineData("\u00a0LP/7/XI/2026")]
    public async Task Acknowledge_Returns400NamingReceiverReference_WhenPadded(string reference)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "sent");

        using var response = await receiver.Client.PostJsonAsync(
            $"/v1/referrals/{id}/acknowledgement", new JsonObject { ["decision"] = "accepted", ["receiverReference"] = reference });

        await ProblemAssert.ExpectValidationAsync(response, "$.receiverReference");
        Assert.Equal("sent", (string?)(await ReferralSteps.StatusAsync(receiver, id))["status"]);
    }

    [Fact]
    public async Task InnerSpaces_AreKept()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var reference = "LP 7 / XI " + Guid.NewGuid().ToString("N")[..8];

        var created = await Scenario.SendReferralAsync(sender, receiver, b => b["externalReference"] = reference);

        Assert.Equal(reference, (string?)created["externalReference"]);
    }

    private static JsonObject WithReference(TestAgency receiver, string reference)
    {
        var body = Scenario.ReferralBody(receiver.Id);
        body["externalReference"] = reference;
        return body;
    }

    private static async Task AssertNothingSentAsync(TestAgency receiver)
    {
        using var inbox = await receiver.Client.GetAsync("/v1/referrals?box=inbox");
        Assert.Empty((await inbox.ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray());
    }
}

public sealed class ReferenceWhitespaceTests_Sqlite(ApiFixture<Sqlite> fx) : ReferenceWhitespaceTests<Sqlite>(fx);

public sealed class ReferenceWhitespaceTests_Postgres(ApiFixture<Postgres> fx) : ReferenceWhitespaceTests<Postgres>(fx);

public sealed class ReferenceWhitespaceTests_SqlServer(ApiFixture<SqlServer> fx) : ReferenceWhitespaceTests<SqlServer>(fx);
