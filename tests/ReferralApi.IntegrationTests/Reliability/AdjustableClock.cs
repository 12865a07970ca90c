namespace ReferralApi.IntegrationTests.Reliability;

/// <summary>The system clock moved forward on demand, so a test can let hours pass between two requests.</summary>
public sealed class AdjustableClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}
