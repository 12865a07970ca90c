using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ReferralApi.Cli.Tests.Support;

/// <summary>
/// The real API on a SQLite file, listening on a loopback port, one per test class: the CLI reaches
/// it over HTTP exactly as an agency's scheduled job would. Webhooks may go to loopback so a test
/// can capture a real signed delivery.
/// </summary>
public sealed class ApiHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string databasePath = Path.Combine(Path.GetTempPath(), "referral-cli-tests", $"referrals-{Guid.NewGuid():N}.db");
    private readonly string adminKey = "test-admin-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
    private static int counter;

    public Uri BaseUrl { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = new Uri(addresses.First());
        return ValueTask.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "sqlite");
        builder.UseSetting("ConnectionStrings:Referrals", new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString());
        builder.UseSetting("Admin:ApiKey", adminKey);
        builder.UseSetting("Encryption:Keys:0:Id", "test");
        builder.UseSetting("Encryption:Keys:0:Key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("Webhooks:AllowPrivateNetworks", "true");
        builder.UseSetting("Webhooks:PollInterval", "00:00:00.100");
        // What a test just sent is exported at once.
        builder.UseSetting("Referrals:Export:SettleTime", "00:00:00");
    }

    /// <summary>A client of this API over loopback, holding <paramref name="key"/>.</summary>
    public HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>An active agency created by the admin, with a fresh key.</summary>
    public async Task<TestAgency> CreateAgencyAsync(string regionCode = "61", string[]? services = null)
    {
        using var admin = Client(adminKey);
        var code = $"CLI-{Interlocked.Increment(ref counter)}-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";
        var body = new JsonObject
        {
            ["code"] = code,
            ["name"] = "Test agency " + code,
            ["sector"] = "women_child_protection",
            ["regionCode"] = regionCode,
            ["roles"] = new JsonArray("agency"),
            ["services"] = new JsonArray([.. (services ?? ["psychosocial", "safe_house", "legal_aid"]).Select(s => (JsonNode)s)]),
            ["acceptsReferrals"] = true,
            ["capacityStatus"] = "open",
        };
        var agency = await ReadCreatedAsync(await admin.PostAsJsonAsync("v1/agencies", body));
        var id = Guid.Parse((string)agency["id"]!);
        var key = await ReadCreatedAsync(await admin.PostAsJsonAsync($"v1/agencies/{id}/api-keys", new JsonObject()));
        return new TestAgency(id, code, (string)key["key"]!);
    }

    private static async Task<JsonNode> ReadCreatedAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, text);
            return JsonNode.Parse(text)!;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
        {
            File.Delete(file);
        }
    }
}
