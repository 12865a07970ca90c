using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Webhooks;

/// <summary>Another API instance on a fixture's database, as a second server or a restarted one would be.</summary>
internal static class SecondHost
{
    public static ApiFactory Start<TEngine>(ApiFixture<TEngine> fx, IReadOnlyDictionary<string, string?> settings)
        where TEngine : IEngine
    {
        var host = new ApiFactory(fx.Database.Provider, fx.Database.ConnectionString, settings);
        _ = host.Services; // starts the host, and with it its delivery worker
        return host;
    }

    public static HttpClient ClientFor(this ApiFactory host, TestAgency agency) => host.CreateClient().WithKey(agency.Key);
}
