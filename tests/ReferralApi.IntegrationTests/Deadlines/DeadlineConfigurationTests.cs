using System.Net;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Deadlines;

/// <summary>A host whose operator set other deadlines than the law's defaults.</summary>
public sealed class ShortDeadlinesFixture : ApiFixture<Sqlite>
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Referrals:Deadlines:Emergency"] = "06:00:00",
        ["Referrals:Deadlines:Urgent"] = "2.00:00:00",
    };
}

/// <summary>The default respondBy of each urgency comes from configuration, and the vocabularies say so.</summary>
public sealed class DeadlineConfigurationTests(ShortDeadlinesFixture fx) : IClassFixture<ShortDeadlinesFixture>
{
    [Theory]
    [InlineData("emergency", 6)]
    [InlineData("urgent", 48)]
    [InlineData("routine", 168)]
    public async Task RespondBy_DefaultsToTheConfiguredDeadlineOfTheUrgency(string urgency, int hours)
    {
        using var police = await fx.CreateAgencyAsync();
        using var shelter = await fx.CreateAgencyAsync();

        var referral = await Scenario.SendReferralAsync(police, shelter, b => b["urgency"] = urgency);

        var createdAt = DateTimeOffset.Parse((string)referral["createdAt"]!, System.Globalization.CultureInfo.InvariantCulture);
        var respondBy = DateTimeOffset.Parse((string)referral["respondBy"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(hours), respondBy - createdAt);
    }

    [Fact]
    public async Task Vocabularies_GiveTheConfiguredHours()
    {
        using var anonymous = fx.CreateClient();
        using var response = await anonymous.GetAsync("/v1/vocabularies", Http.Ct);

        var urgencies = (await response.ExpectAsync(HttpStatusCode.OK))["urgencies"]!.AsArray()
            .ToDictionary(u => (string)u!["code"]!, u => (int)u!["respondWithinHours"]!);
        Assert.Equal(new Dictionary<string, int> { ["emergency"] = 6, ["urgent"] = 48, ["routine"] = 168 }, urgencies);
    }
}
