using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace ReferralApi.Features.Webhooks;

/// <summary>
/// Applies <see cref="WebhookUrlRules"/> and, for a host name, resolves it and refuses it when any
/// address is not public. A name that does not resolve yet is accepted: the connection-time guard
/// refuses it later if it then points somewhere forbidden.
/// </summary>
internal sealed class WebhookUrlValidator(IOptions<WebhookOptions> options)
{
    public async Task<WebhookUrlVerdict> CheckAsync(string url, CancellationToken ct)
    {
        var allowPrivate = options.Value.AllowPrivateNetworks;
        var verdict = WebhookUrlRules.CheckForm(url, allowPrivate, out var uri);
        if (verdict != WebhookUrlVerdict.Allowed || allowPrivate || uri!.HostNameType != UriHostNameType.Dns)
        {
            return verdict;
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(uri.IdnHost, ct);
            return addresses.All(PublicAddress.IsAllowed) ? WebhookUrlVerdict.Allowed : WebhookUrlVerdict.NonPublicAddress;
        }
        catch (SocketException)
        {
            return WebhookUrlVerdict.Allowed;
        }
    }
}
