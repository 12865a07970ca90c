using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ReferralApi.IntegrationTests.Webhooks;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 for one test: records every delivery and answers as told —
/// fail the next N, answer one status always, answer slowly, or go down and come back on the
/// same port.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedDelivery> received = new();
    private WebApplication? app;
    private int failuresLeft;
    private int failureStatus = 500;
    private volatile int fixedStatus;
    private volatile int delayMilliseconds;
    private volatile string? retryAfter;
    private volatile string? location;

    private WebhookReceiver()
    {
    }

    public int Port { get; private set; }

    public string Url => $"http://127.0.0.1:{Port}/hooks/referrals";

    public IReadOnlyList<ReceivedDelivery> Received => [.. received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver.StartOnAsync(0);
        return receiver;
    }

    /// <summary>The next <paramref name="count"/> deliveries get <paramref name="status"/>; later ones 200.</summary>
    public void FailNext(int count, int status = 500) => (failuresLeft, failureStatus) = (count, status);

    /// <summary>Every delivery gets <paramref name="status"/> from now on; 0 goes back to normal.</summary>
    public void AlwaysAnswer(int status) => fixedStatus = status;

    public void AnswerAfter(TimeSpan delay) => delayMilliseconds = (int)delay.TotalMilliseconds;

    /// <summary>Failed answers carry <c>Retry-After: seconds</c> from now on.</summary>
    public void AskToRetryAfter(int seconds) => retryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Failed answers carry <c>Location: url</c> from now on, as a redirect would.</summary>
    public void PointTo(string url) => location = url;

    /// <summary>Stops listening: connections are refused until <see cref="ComeBackAsync"/>.</summary>
    public async Task GoDownAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }
    }

    public Task ComeBackAsync() => StartOnAsync(Port);

    /// <summary>Waits until the recorded deliveries satisfy <paramref name="done"/>, or fails after <paramref name="seconds"/>.</summary>
    public async Task<IReadOnlyList<ReceivedDelivery>> WaitUntilAsync(Func<IReadOnlyList<ReceivedDelivery>, bool> done, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var snapshot = Received;
            if (done(snapshot))
            {
                return snapshot;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The receiver did not get the expected deliveries; it got {snapshot.Count}: {string.Join(", ", snapshot.Select(d => $"{d.Type}/{d.AnsweredWith}"))}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public ValueTask DisposeAsync() => new(GoDownAsync());

    private async Task StartOnAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var started = builder.Build();
        started.MapPost("/hooks/referrals", HandleAsync);
        await started.StartAsync();
        Port = new Uri(started.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        app = started;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        if (delayMilliseconds > 0)
        {
            await Task.Delay(delayMilliseconds, context.RequestAborted);
        }

        var status = fixedStatus != 0 ? fixedStatus : Interlocked.Decrement(ref failuresLeft) >= 0 ? failureStatus : 200;
        var headers = context.Request.Headers;
        received.Enqueue(new ReceivedDelivery(
            headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(), headers["webhook-signature"].ToString(),
            body, context.Request.ContentType ?? string.Empty, status, headers.UserAgent.ToString()));
        context.Response.StatusCode = status;
        if (status != 200 && retryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds;
        }

        if (status != 200 && location is { } url)
        {
            context.Response.Headers.Location = url;
        }
    }
}
