using Microsoft.Extensions.DependencyInjection;
using ReferralApi.Features.Retention;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Reliability;

namespace ReferralApi.IntegrationTests.Privacy;

/// <summary>A host whose clock the tests move years ahead, with the erasure job passing every few tenths of a second.</summary>
public class RetentionFixture<TEngine> : ApiFixture<TEngine>
    where TEngine : IEngine
{
    public AdjustableClock Clock { get; } = new();

    /// <summary>
    /// Moves the clock years ahead. Every key expires within two years, so each agency given gets a
    /// fresh key from the admin, as a real agency would have rotated in the meantime.
    /// </summary>
    public async Task AdvanceAsync(TimeSpan by, params Support.TestAgency[] agencies)
    {
        Clock.Advance(by);
        using var admin = CreateAdminClient();
        foreach (var agency in agencies)
        {
            using var issued = await Support.Http.PostJsonAsync(admin, $"/v1/agencies/{agency.Id}/api-keys", null);
            var key = (string)(await Support.Http.ExpectAsync(issued, System.Net.HttpStatusCode.Created))["key"]!;
            agency.Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }
    }

    /// <summary>One pass of the erasure job, now, for tests that must know a pass has seen their referrals.</summary>
    public Task<int> RunRetentionPassAsync() => Factory.Services.GetRequiredService<RetentionJob>().RunOnceAsync(Support.Http.Ct);

    /// <summary>Another instance on the same database and clock, as a second server behind the load balancer.</summary>
    public ApiFactory StartSecondInstance()
    {
        var host = new ApiFactory(Database.Provider, Database.ConnectionString, Settings, services => services.AddSingleton<TimeProvider>(Clock));
        _ = host.Services;
        return host;
    }

    protected virtual string Interval => "00:00:00.200";

    // A second instance must read what the first sealed, so both hold the same configured key.
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(RotationKeys.Ring(RotationKeys.FirstId, (RotationKeys.FirstId, RotationKeys.First)))
    {
        ["Retention:Interval"] = Interval,
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>The same, with the job passing only at start-up, so the tests run every pass themselves.</summary>
public sealed class ManualRetentionFixture<TEngine> : RetentionFixture<TEngine>
    where TEngine : IEngine
{
    protected override string Interval => "1.00:00:00";
}
