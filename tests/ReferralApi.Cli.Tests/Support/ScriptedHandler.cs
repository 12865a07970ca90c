namespace ReferralApi.Cli.Tests.Support;

/// <summary>An HTTP handler that answers from a script, one answer per request, and records what it was sent.</summary>
public sealed class ScriptedHandler(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
{
    private int next;

    public List<(HttpMethod Method, string? IdempotencyKey)> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var key = request.Headers.TryGetValues("Idempotency-Key", out var values) ? values.Single() : null;
        Requests.Add((request.Method, key));
        return Task.FromResult(answers[Math.Min(next++, answers.Length - 1)]());
    }
}
