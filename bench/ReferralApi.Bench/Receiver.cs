using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ReferralApi.Bench;

/// <summary>
/// The fastest receiver a webhook can have: Kestrel on 127.0.0.1 reading the body and answering
/// 204, remembering only when the first and last deliveries came and which ids it saw.
/// </summary>
internal sealed class Receiver : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, byte> ids = new(StringComparer.Ordinal);
    private WebApplication? app;
    private long received;
    private long firstAt;
    private long lastAt;

    public Uri Url { get; private set; } = null!;

    public long Received => Interlocked.Read(ref received);

    public int DistinctIds => ids.Count;

    /// <summary><see cref="Stopwatch"/> timestamps of the first and the latest delivery; 0 before any.</summary>
    public long FirstAt => Interlocked.Read(ref firstAt);

    public long LastAt => Interlocked.Read(ref lastAt);

    public static async Task<Receiver> StartAsync(CancellationToken ct)
    {
        var receiver = new Receiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/hooks", receiver.HandleAsync);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hooks");
        receiver.app = app;
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        var now = Stopwatch.GetTimestamp();
        Interlocked.CompareExchange(ref firstAt, now, 0);
        Interlocked.Exchange(ref lastAt, now);
        ids.TryAdd(context.Request.Headers["webhook-id"].ToString(), 0);
        Interlocked.Increment(ref received);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }
}
