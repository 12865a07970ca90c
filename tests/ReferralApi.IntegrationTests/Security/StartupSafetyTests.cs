using System.Net;
using Dapper;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Security;

/// <summary>
/// Risky configurations refuse the start before anything touches the database: a missing
/// encryption key anywhere but Development, the demo seed in Production, a short admin key.
/// Admin keys can be rotated through <c>Admin:KeyHashes</c>.
/// </summary>
public abstract class StartupSafetyTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    private static readonly string LongKey = "admin-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task NoEncryptionKey_OutsideDevelopment_RefusesToStart_BeforeAnyMigration(string environment)
    {
        var refusal = await RefusedStartAsync(environment, new Dictionary<string, string?>(), withEncryptionKey: false);

        Assert.Contains("Encryption:Keys", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoSeed_InProduction_RefusesToStart()
    {
        var refusal = await RefusedStartAsync("Production", new Dictionary<string, string?> { ["Demo:Seed"] = "true" });

        Assert.Contains("Demo:Seed", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShortAdminKey_InProduction_RefusesToStart()
    {
        var refusal = await RefusedStartAsync("Production", new Dictionary<string, string?> { ["Admin:ApiKey"] = "short-admin-key-31-characters.." });

        Assert.Contains("Admin:ApiKey", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-audience", "Authentication:Jwt:Audience")]
    [InlineData("no-issuers", "Authentication:Jwt:ValidIssuers")]
    [InlineData("missing-file", "Authentication:Jwt:SigningKeysFile")]
    [InlineData("no-keys", "Authentication:Jwt:SigningKeysFile")]
    [InlineData("origin-with-path", "Cors:AllowedOrigins")]
    public async Task IncompleteTokenOrBrowserSettings_RefuseToStart(string flaw, string named)
    {
        var keys = Path.Combine(Path.GetTempPath(), $"referral-jwks-{Guid.NewGuid():N}.json");
        using var issuer = new Tokens.TestIssuer();
        issuer.WriteSigningKeys(keys);
        var settings = new Dictionary<string, string?>
        {
            ["Authentication:Jwt:SigningKeysFile"] = keys,
            ["Authentication:Jwt:Audience"] = Tokens.TestIssuer.Audience,
            ["Authentication:Jwt:ValidIssuers:0"] = Tokens.TestIssuer.Issuer,
            ["Cors:AllowedOrigins:0"] = "https://inbox.example",
        };
        switch (flaw)
        {
            case "no-audience": settings.Remove("Authentication:Jwt:Audience"); break;
            case "no-issuers": settings.Remove("Authentication:Jwt:ValidIssuers:0"); break;
            case "missing-file": settings["Authentication:Jwt:SigningKeysFile"] = keys + ".missing"; break;
            case "no-keys": await File.WriteAllTextAsync(keys, """{"keys":[]}""", Http.Ct); break;
            default: settings["Cors:AllowedOrigins:0"] = "https://inbox.example/app"; break;
        }

        try
        {
            Assert.Contains(named, await RefusedStartAsync("Production", settings), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(keys);
        }
    }

    [Fact]
    public async Task Development_WithoutEncryptionKey_Starts()
    {
        _ = fx.Database;
        await using var database = await TEngine.Engine.CreateDatabaseAsync(Http.Ct);
        await using var host = new ApiFactory(database.Provider, database.ConnectionString, environment: "Development", withEncryptionKey: false);
        using var client = host.CreateClient();

        using var ready = await client.GetAsync("/health/ready", Http.Ct);

        await ready.ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AdminKeyHashes_AcceptEveryListedKey_AndTheBootstrapKey_AndNothingElse()
    {
        var next = "admin-next-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var settings = new Dictionary<string, string?>
        {
            ["Admin:KeyHashes:0"] = Sha256(LongKey),
            ["Admin:KeyHashes:1"] = Sha256(next).ToUpperInvariant(),

            // The test database's login owns the schema, which Production otherwise refuses to serve with.
            ["Database:AllowPrivilegedLogin"] = "true",
        };
        await using var host = new ApiFactory(fx.Database.Provider, fx.Database.ConnectionString, settings, environment: "Production");

        foreach (var key in new[] { LongKey, next, host.AdminKey })
        {
            using var client = host.CreateClient().WithKey(key);
            using var listed = await client.GetAsync("/v1/admin/access-log", Http.Ct);
            await listed.ExpectAsync(HttpStatusCode.OK);
        }

        using var stranger = host.CreateClient().WithKey(LongKey + "x");
        using var refused = await stranger.GetAsync("/v1/admin/access-log", Http.Ct);
        await refused.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task AnswersOverHttps_CarryStrictTransportSecurity_PlainHttpDoesNot()
    {
        using var secure = fx.Factory.CreateClient(new() { BaseAddress = new Uri("https://referrals.example/") });
        using var plain = fx.Factory.CreateClient(new() { BaseAddress = new Uri("http://referrals.example/") });

        using var overHttps = await secure.GetAsync("/health/live", Http.Ct);
        using var overHttp = await plain.GetAsync("/health/live", Http.Ct);

        await overHttps.ExpectAsync(HttpStatusCode.OK);
        Assert.StartsWith("max-age=31536000", overHttps.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.False(overHttp.Headers.Contains("Strict-Transport-Security"));
    }

    /// <summary>Starts a host on a fresh, empty database, expects the start to fail, and checks no migration ran.</summary>
    private async Task<string> RefusedStartAsync(string environment, Dictionary<string, string?> settings, bool withEncryptionKey = true)
    {
        _ = fx.Database; // skips (or fails, when required) if the engine cannot run here
        await using var database = await TEngine.Engine.CreateDatabaseAsync(Http.Ct);
        settings.TryAdd("Admin:ApiKey", LongKey);
        await using var host = new ApiFactory(database.Provider, database.ConnectionString, settings, environment: environment, withEncryptionKey: withEncryptionKey);

        var refusal = Assert.ThrowsAny<OptionsValidationException>(() => host.CreateClient());

        await using var connection = database.CreateConnection();
        var tables = await connection.QueryAsync<string>(database.Provider switch
        {
            "postgres" => "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()",
            "sqlserver" => "SELECT name FROM sys.tables",
            _ => "SELECT name FROM sqlite_master WHERE type = 'table'",
        });
        Assert.Empty(tables);
        return refusal.Message;
    }

    private static string Sha256(string key) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));
}

public sealed class StartupSafetyTests_Sqlite(ApiFixture<Sqlite> fx) : StartupSafetyTests<Sqlite>(fx);

public sealed class StartupSafetyTests_Postgres(ApiFixture<Postgres> fx) : StartupSafetyTests<Postgres>(fx);

public sealed class StartupSafetyTests_SqlServer(ApiFixture<SqlServer> fx) : StartupSafetyTests<SqlServer>(fx);
