using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace ReferralApi.Bench;

/// <summary>
/// Bytes the API process allocates while it runs, read from the runtime's own <c>System.Runtime</c>
/// EventCounters (<c>alloc-rate</c>, one increment a second) over the diagnostics port, as
/// <c>dotnet-counters</c> reads them. The window also holds the API's idle background work, which
/// is small beside thousands of requests.
/// </summary>
internal sealed class AllocationCounter : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly EventPipeSession session;
    private readonly Task processing;
    private double bytes;

    private AllocationCounter(int pid)
    {
        var provider = new EventPipeProvider("System.Runtime", EventLevel.Informational, 0,
            new Dictionary<string, string> { ["EventCounterIntervalSec"] = Interval.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        session = new DiagnosticsClient(pid).StartEventPipeSession([provider], requestRundown: false);
        var source = new EventPipeEventSource(session.EventStream);
        source.Dynamic.All += e =>
        {
            if (e.EventName == "EventCounters"
                && e.PayloadValue(0) is IDictionary<string, object> outer
                && outer.TryGetValue("Payload", out var inner) && inner is IDictionary<string, object> payload
                && payload.TryGetValue("Name", out var name) && name as string == "alloc-rate"
                && payload.TryGetValue("Increment", out var increment))
            {
                bytes += Convert.ToDouble(increment, System.Globalization.CultureInfo.InvariantCulture);
            }
        };
        processing = Task.Run(source.Process);
    }

    public static AllocationCounter Start(int pid) => new(pid);

    /// <summary>Waits for the interval still open to be reported, then stops and returns the bytes allocated since the start.</summary>
    public async Task<double> StopAsync(CancellationToken ct)
    {
        await Task.Delay(Interval + TimeSpan.FromMilliseconds(300), ct);
        await session.StopAsync(ct);
        await processing.WaitAsync(TimeSpan.FromSeconds(10), ct);
        return bytes;
    }

    public void Dispose() => session.Dispose();
}
