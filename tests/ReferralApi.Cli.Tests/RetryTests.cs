using System.Net;
using ReferralApi.Cli.Tests.Support;

namespace ReferralApi.Cli.Tests;

/// <summary>Bounded retries on 503 and 429, honouring Retry-After; the API answers through a scripted handler.</summary>
public sealed class RetryTests
{
    [Fact]
    public async Task ServiceUnavailable_ThenOk_Succeeds_WithTheSameIdempotencyKey()
    {
        var handler = new ScriptedHandler(Unavailable(HttpStatusCode.ServiceUnavailable), Unavailable(HttpStatusCode.TooManyRequests), Created());

        var result = await RunSendAsync(handler);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(3, handler.Requests.Count);
        var keys = handler.Requests.Select(r => r.IdempotencyKey).Distinct().ToList();
        Assert.StartsWith("cli-send-", Assert.Single(keys), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlwaysUnavailable_GivesUpAfterTheBound_AndExits3()
    {
        var handler = new ScriptedHandler(Enumerable.Repeat(Unavailable(HttpStatusCode.ServiceUnavailable), 10).ToArray());

        var result = await RunSendAsync(handler);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(5, handler.Requests.Count);
        Assert.Contains("503", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryAfterBeyondTheLimit_IsReported_NotWaitedFor()
    {
        var handler = new ScriptedHandler(Unavailable(HttpStatusCode.TooManyRequests, seconds: 3600), Created());

        var result = await RunSendAsync(handler);

        Assert.Equal(3, result.ExitCode);
        Assert.Single(handler.Requests);
        Assert.Contains("retry after 3600 s", result.Error, StringComparison.Ordinal);
    }

    private static async Task<CliResult> RunSendAsync(ScriptedHandler handler)
    {
        using var files = new ReferralFiles();
        var path = files.Write(ReferralFiles.Body(Guid.NewGuid()));
        return await CliRunner.RunAsync(CliRunner.Environment("http://api.invalid", "key"), "", handler, CancellationToken.None, "send", path);
    }

    private static Func<HttpResponseMessage> Unavailable(HttpStatusCode status, int seconds = 0) => () =>
    {
        var response = new HttpResponseMessage(status);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        return response;
    };

    private static Func<HttpResponseMessage> Created() => () => new HttpResponseMessage(HttpStatusCode.Created)
    {
        Content = new StringContent("""{"id":"0193a000-0000-7000-8000-000000000001","status":"sent","version":1}""", System.Text.Encoding.UTF8, "application/json"),
    };
}
