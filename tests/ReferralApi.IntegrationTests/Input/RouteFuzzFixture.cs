using ReferralApi.IntegrationTests.Infrastructure;

namespace ReferralApi.IntegrationTests.Input;

/// <summary>A host whose per-key budget outlasts a fuzz run, and whose webhooks may point at this machine.</summary>
public sealed class RouteFuzzFixture<TEngine> : ApiFixture<TEngine>
    where TEngine : IEngine
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["RateLimiting:PerKey:TokenLimit"] = "1000000",
        ["RateLimiting:PerAddress:PermitLimit"] = "1000000",
        ["Webhooks:AllowPrivateNetworks"] = "true",
    };
}
