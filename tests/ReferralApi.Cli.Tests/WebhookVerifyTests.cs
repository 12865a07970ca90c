using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ReferralApi.Cli.Tests.Support;

namespace ReferralApi.Cli.Tests;

/// <summary><c>referral webhook verify</c> on deliveries the API really sent and signed.</summary>
public sealed class WebhookVerifyTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Verify_AcceptsARealDelivery_AndRejectsATamperedOneOrAWrongSecret()
    {
        var (delivery, secret, referral) = await CaptureDeliveryAsync();

        var good = await VerifyAsync(delivery, "--secret", secret);
        var json = await VerifyAsync(delivery, "--secret", secret, "--json");
        var tampered = await VerifyAsync(delivery.Replace(referral.ToString(), Guid.NewGuid().ToString(), StringComparison.Ordinal), "--secret", secret);
        var wrongSecret = await VerifyAsync(delivery, "--secret", "whsec_" + Convert.ToBase64String(new byte[24]));

        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.StartsWith("verified: webhook-id ", good.Out, StringComparison.Ordinal);
        Assert.Contains("type referral.created", good.Out, StringComparison.Ordinal);
        Assert.Equal(referral.ToString(), (string?)JsonNode.Parse(json.Out)!["data"]!["referralId"]);
        Assert.Equal(4, tampered.ExitCode);
        Assert.Contains("not verified", tampered.Error, StringComparison.Ordinal);
        Assert.Empty(tampered.Out);
        Assert.Equal(4, wrongSecret.ExitCode);
    }

    [Fact]
    public async Task Verify_SavedWithCrLf_AndSecretFromTheEnvironment()
    {
        var (delivery, secret, _) = await CaptureDeliveryAsync();
        var separator = delivery.IndexOf("\n\n", StringComparison.Ordinal);
        var crlf = delivery[..separator].Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n\r\n" + delivery[(separator + 2)..];
        var environment = new Dictionary<string, string> { ["REFERRAL_WEBHOOK_SECRET"] = secret };

        var result = await CliRunner.RunAsync(environment, crlf, CancellationToken.None, "webhook", "verify");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Verify_OldDelivery_FailsUnlessMaxAgeIsOff()
    {
        var (delivery, secret, _) = await CaptureDeliveryAsync();
        await Task.Delay(TimeSpan.FromSeconds(2.2), TestContext.Current.CancellationToken);

        var strict = await VerifyAsync(delivery, "--secret", secret, "--max-age", "1");
        var relaxed = await VerifyAsync(delivery, "--secret", secret, "--max-age", "0");

        Assert.Equal(4, strict.ExitCode);
        Assert.Contains("old", strict.Error, StringComparison.Ordinal);
        Assert.True(relaxed.ExitCode == 0, relaxed.ToString());
    }

    [Fact]
    public async Task Verify_InputWithoutHeaders_Exits4_AndSaysWhatIsMissing()
    {
        var result = await VerifyAsync("{\"id\":\"x\"}", "--secret", "whsec_" + Convert.ToBase64String(new byte[24]));

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("webhook-signature", result.Error, StringComparison.Ordinal);
    }

    private static Task<CliResult> VerifyAsync(string stdin, params string[] options) =>
        CliRunner.RunAsync(new Dictionary<string, string>(), stdin, CancellationToken.None, ["webhook", "verify", .. options]);

    /// <summary>Subscribes the receiver's agency, sends it a referral, and returns the delivery as saved, the secret and the referral id.</summary>
    private async Task<(string Delivery, string Secret, Guid Referral)> CaptureDeliveryAsync()
    {
        await using var catcher = await DeliveryCatcher.StartAsync();
        var sender = await api.CreateAgencyAsync();
        var receiver = await api.CreateAgencyAsync();
        using var client = api.Client(receiver.Key);
        using var subscribed = await client.PostAsJsonAsync("v1/webhooks", new JsonObject
        {
            ["url"] = catcher.Url,
            ["eventTypes"] = new JsonArray("referral.created"),
        });
        var created = JsonNode.Parse(await subscribed.Content.ReadAsStringAsync())!;
        Assert.True(subscribed.IsSuccessStatusCode, created.ToJsonString());
        var referral = await Referrals.SendAsync(api, sender, receiver);
        return (await catcher.WaitForAsync(referral.ToString()), (string)created["secret"]!, referral);
    }
}
