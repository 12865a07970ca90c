using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Webhooks;

/// <summary>With Webhooks:AllowPrivateNetworks off (the default), only public https receivers can be registered.</summary>
public sealed class WebhookUrlPolicyTests(ApiFixture<Sqlite> fx) : IClassFixture<ApiFixture<Sqlite>>
{
    [Theory]
    [InlineData("http://127.0.0.1/hooks", "not_https")]
    [InlineData("http://hooks.example.org/in", "not_https")]
    [InlineData("https://10.0.0.1/hooks", "non_public_address")]
    [InlineData("https://[::1]/hooks", "non_public_address")]
    [InlineData("https://[::ffff:127.0.0.1]/hooks", "non_public_address")]
    [InlineData("https://169.254.169.254/latest/meta-data", "non_public_address")]
    [InlineData("https://192.168.1.20:8443/hooks", "non_public_address")]
    [InlineData("https://localhost/hooks", "non_public_address")]
    [InlineData("https://2130706433/hooks", "obscured_address")]
    [InlineData("https://0x7f000001/hooks", "obscured_address")]
    [InlineData("https://user:password@hooks.example.org/in", "credentials")]
    public async Task Register_Returns422_ForAUrlThatIsNotPublicHttps(string url, string reason)
    {
        using var agency = await fx.CreateAgencyAsync();

        using var response = await agency.Client.PostJsonAsync("/v1/webhooks", new JsonObject { ["url"] = url });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "webhook-url-not-allowed");
        Assert.Equal(reason, (string)problem["reason"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["detail"]));
    }

    [Fact]
    public async Task Patch_Returns422_AndKeepsTheOldUrl()
    {
        using var agency = await fx.CreateAgencyAsync();
        // .invalid never resolves (RFC 6761), so registration accepts it and nothing is ever sent.
        using var created = await agency.Client.PostJsonAsync("/v1/webhooks", new JsonObject { ["url"] = "https://hooks.receiver.invalid/in" });
        var id = Scenario.IdOf(await created.ExpectAsync(HttpStatusCode.Created));

        using var response = await agency.Client.PatchJsonAsync($"/v1/webhooks/{id}", new JsonObject { ["url"] = "https://169.254.169.254/" });

        await response.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "webhook-url-not-allowed");
        using var read = await agency.Client.GetAsync($"/v1/webhooks/{id}", Http.Ct);
        Assert.Equal("https://hooks.receiver.invalid/in", (string)(await read.ExpectAsync(HttpStatusCode.OK))["url"]!);
    }

    [Fact]
    public async Task Problem_IsInIndonesian_WhenAsked()
    {
        using var agency = await fx.CreateAgencyAsync();

        using var response = await agency.Client.PostJsonAsync("/v1/webhooks", new JsonObject { ["url"] = "https://10.0.0.1/" }, ("Accept-Language", "id"));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "webhook-url-not-allowed");
        Assert.Contains("alamat", (string)problem["detail"]!, StringComparison.Ordinal);
    }
}
