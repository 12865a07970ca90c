using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace ReferralApi.Features.Webhooks;

/// <summary>
/// The delivery client's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host itself
/// and connects only to public addresses, so a name re-pointed at an internal address after
/// registration (DNS rebinding) is still refused. Redirects are off in the handler, so the guard
/// sees every host the client ever connects to.
/// </summary>
internal sealed class GuardedConnector(IOptions<WebhookOptions> options)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = options.Value.AllowPrivateNetworks ? addresses : [.. addresses.Where(PublicAddress.IsAllowed)];
        if (allowed.Length == 0)
        {
            throw new ForbiddenAddressException();
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>The receiver's host resolves only to addresses a webhook may not be sent to.</summary>
internal sealed class ForbiddenAddressException : IOException
{
    public ForbiddenAddressException()
        : base("The webhook host resolves only to non-public addresses.")
    {
    }

    public ForbiddenAddressException(string message)
        : base(message)
    {
    }

    public ForbiddenAddressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
