using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ReferralApi.Cli.Tests.Support;

namespace ReferralApi.Cli.Tests;

/// <summary>The documented exit codes, for the failures a scheduled job meets.</summary>
public sealed class ExitCodeTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task WithoutConfiguration_Exits1_NamingTheVariable()
    {
        var result = await CliRunner.RunAsync(new Dictionary<string, string>(), "", CancellationToken.None, "inbox");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("REFERRAL_API_URL", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithKeyAndTokenBoth_Exits1()
    {
        var environment = CliRunner.Environment(api.BaseUrl.ToString(), "key");
        environment["REFERRAL_API_TOKEN"] = "token";

        var result = await CliRunner.RunAsync(environment, "", CancellationToken.None, "inbox");

        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task UnknownArgument_Exits1()
    {
        var agency = await api.CreateAgencyAsync();

        var result = await CliRunner.RunAsync(api, agency, "ack", "not-a-guid", "accepted");

        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task WrongKey_Exits2_WithTheApisProblem()
    {
        var result = await CliRunner.RunAsync(CliRunner.Environment(api.BaseUrl.ToString(), "rk_wrong"), "", CancellationToken.None, "inbox");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("(401", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenVariable_IsSentAsBearer_LikeAKey()
    {
        var agency = await api.CreateAgencyAsync();
        var environment = new Dictionary<string, string> { ["REFERRAL_API_URL"] = api.BaseUrl.ToString(), ["REFERRAL_API_TOKEN"] = agency.Key };

        var result = await CliRunner.RunAsync(environment, "", CancellationToken.None, "inbox", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("[]", result.Out.Trim());
    }

    [Fact]
    public async Task ApiNotListening_Exits3()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await CliRunner.RunAsync(CliRunner.Environment($"http://127.0.0.1:{port}", "key"), "", CancellationToken.None, "inbox");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Cannot reach the API", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstalledEntryPoint_ReturnsTheExitCodeToTheShell()
    {
        // The real process, as cron runs it: the code reaches the shell, the message goes to stderr.
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "referral.dll"), "send", "batch.csv"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["REFERRAL_API_URL"] = api.BaseUrl.ToString();
        start.Environment["REFERRAL_API_KEY"] = "key";
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("batch", error, StringComparison.Ordinal);
    }
}
