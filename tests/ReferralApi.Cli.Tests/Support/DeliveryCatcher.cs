using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ReferralApi.Cli.Tests.Support;

/// <summary>
/// A webhook receiver on loopback that saves each delivery the way the README tells an agency to
/// save one for <c>referral webhook verify</c>: its webhook-* headers, an empty line, the raw body.
/// </summary>
public sealed class DeliveryCatcher : IAsyncDisposable
{
    private static readonly string[] SignatureHeaders = ["webhook-id", "webhook-timestamp", "webhook-signature"];
    private readonly ConcurrentQueue<string> saved = new();
    private readonly WebApplication app;

    private DeliveryCatcher(WebApplication app) => this.app = app;

    public string Url { get; private set; } = "";

    public static async Task<DeliveryCatcher> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var catcher = new DeliveryCatcher(builder.Build());
        catcher.app.MapPost("/hooks", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var head = string.Join('\n', SignatureHeaders.Select(name => $"{name}: {request.Headers[name]}"));
            catcher.saved.Enqueue($"POST /hooks HTTP/1.1\ncontent-type: {request.ContentType}\n{head}\n\n{body}");
            return Results.NoContent();
        });
        await catcher.app.StartAsync();
        var address = catcher.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        catcher.Url = address.TrimEnd('/') + "/hooks";
        return catcher;
    }

    /// <summary>The first saved delivery whose body mentions <paramref name="text"/>, waiting up to 30 s.</summary>
    public async Task<string> WaitForAsync(string text)
    {
        for (var i = 0; i < 300; i++)
        {
            var found = saved.FirstOrDefault(d => d.Contains(text, StringComparison.Ordinal));
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No webhook delivery mentioning {text} arrived within 30 s.");
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
