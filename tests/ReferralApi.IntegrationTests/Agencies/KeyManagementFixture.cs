using Microsoft.Extensions.DependencyInjection;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Reliability;

namespace ReferralApi.IntegrationTests.Agencies;

/// <summary>A host with a movable clock where an agency may hold three active keys.</summary>
public sealed class KeyManagementFixture<TEngine> : ApiFixture<TEngine>
    where TEngine : IEngine
{
    public const int MaxActive = 3;

    public AdjustableClock Clock { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["ApiKeys:MaxActivePerAgency"] = MaxActive.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}
