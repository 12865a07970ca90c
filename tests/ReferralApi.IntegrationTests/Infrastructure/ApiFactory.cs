using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ReferralApi.IntegrationTests.Infrastructure;

/// <summary>
/// The real API in memory, on a given database. Settings go through <c>UseSetting</c> because
/// Program reads <c>builder.Configuration</c> while it composes services, before any
/// <c>ConfigureAppConfiguration</c> callback of the factory would run.
/// </summary>
public sealed class ApiFactory(
    string provider,
    string connectionString,
    IReadOnlyDictionary<string, string?>? settings = null,
    Action<IServiceCollection>? services = null,
    string environment = "Testing",
    bool withEncryptionKey = true) : WebApplicationFactory<Program>
{
    /// <summary>The bootstrap administrator key of this host, new for every factory.</summary>
    public string AdminKey { get; } = "test-admin-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private static readonly string EncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Database:Provider", provider);
        builder.UseSetting("ConnectionStrings:Referrals", connectionString);
        builder.UseSetting("Admin:ApiKey", AdminKey);

        // Only Development runs without a configured key; a suite's own settings may replace this one.
        if (withEncryptionKey)
        {
            builder.UseSetting("Encryption:Keys:0:Id", "test");
            builder.UseSetting("Encryption:Keys:0:Key", EncryptionKey);
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
