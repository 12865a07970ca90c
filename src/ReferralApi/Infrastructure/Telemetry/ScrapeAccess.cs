using System.Net;

namespace ReferralApi.Infrastructure.Telemetry;

/// <summary>
/// Who may read <c>/metrics</c>: loopback and the configured networks, judged on the caller's address
/// as the server knows it (the connection's, or the proxy's report of it when forwarded headers are
/// enabled). The figures carry no case data, but backlog and overdue counts per agency are
/// operational detail the public need not see.
/// </summary>
internal sealed class ScrapeAccess
{
    private readonly IPNetwork[] networks;

    public ScrapeAccess(IEnumerable<string> allowedNetworks)
    {
        networks = [.. allowedNetworks.Select(Parse)];
    }

    public static bool IsValid(string cidr) => IPNetwork.TryParse(cidr.Trim(), out _);

    public bool Allows(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return IPAddress.IsLoopback(address) || networks.Any(n => n.Contains(address));
    }

    private static IPNetwork Parse(string cidr) => IPNetwork.Parse(cidr.Trim());
}
