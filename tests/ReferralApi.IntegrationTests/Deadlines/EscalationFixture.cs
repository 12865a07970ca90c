using Microsoft.Extensions.DependencyInjection;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Reliability;

namespace ReferralApi.IntegrationTests.Deadlines;

/// <summary>
/// A host with a movable clock whose overdue job checks every few milliseconds, so a test can let
/// a deadline pass and see the announcement without waiting for the production interval.
/// </summary>
public sealed class EscalationFixture<TEngine> : ApiFixture<TEngine>
    where TEngine : IEngine
{
    public static readonly IReadOnlyDictionary<string, string?> FastChecks = new Dictionary<string, string?>
    {
        ["Referrals:Overdue:CheckInterval"] = "00:00:00.050",
    };

    public AdjustableClock Clock { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => FastChecks;

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    /// <summary>Another instance on the same database and clock, running its own overdue job.</summary>
    public ApiFactory StartSecondInstance()
    {
        var host = new ApiFactory(Database.Provider, Database.ConnectionString, FastChecks, services => services.AddSingleton<TimeProvider>(Clock));
        _ = host.Services;
        return host;
    }
}
