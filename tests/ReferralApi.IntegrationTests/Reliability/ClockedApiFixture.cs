using Microsoft.Extensions.DependencyInjection;
using ReferralApi.IntegrationTests.Infrastructure;

namespace ReferralApi.IntegrationTests.Reliability;

/// <summary>A host whose <see cref="TimeProvider"/> the tests can move forward; only its class uses it, so moves never leak.</summary>
public sealed class ClockedApiFixture<TEngine> : ApiFixture<TEngine>
    where TEngine : IEngine
{
    public AdjustableClock Clock { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}
