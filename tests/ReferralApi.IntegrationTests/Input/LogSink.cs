using System.Collections.Concurrent;

namespace ReferralApi.IntegrationTests.Input;

/// <summary>Every line a host logged, with its scopes, in the order written.</summary>
public sealed class LogSink
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyList<string> Lines => [.. lines];

    public void Add(string line) => lines.Enqueue(line);
}
