using System.Text.Json.Nodes;

namespace ReferralApi.Cli.Tests.Support;

/// <summary>Referrals prepared through the CLI itself, and their state read back from the API.</summary>
public static class Referrals
{
    public static async Task<Guid> SendAsync(ApiHost api, TestAgency from, TestAgency to)
    {
        using var files = new ReferralFiles();
        var result = await CliRunner.RunAsync(api, from, "send", files.Write(ReferralFiles.Body(to.Id)), "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return Guid.Parse((string)JsonNode.Parse(result.Out)!["id"]!);
    }

    /// <summary><c>GET /v1/referrals/{id}/status</c> as <paramref name="party"/> sees it.</summary>
    public static async Task<JsonNode> StatusAsync(ApiHost api, TestAgency party, Guid id)
    {
        using var client = api.Client(party.Key);
        return JsonNode.Parse(await client.GetStringAsync($"v1/referrals/{id}/status"))!;
    }
}
