using System.Net;

namespace ReferralApi.Features.Webhooks;

/// <summary>
/// The rules a subscription URL must pass when it is registered or changed: absolute https, no
/// credentials, a host that is a name or a canonical address, and — unless private networks are
/// allowed — only public addresses, including every address the name resolves to now. The same
/// address rule is applied again when connecting (<see cref="GuardedConnector"/>), because a
/// name can be pointed elsewhere after registration.
/// </summary>
internal static class WebhookUrlRules
{
    public const int MaxLength = 2048;

    /// <summary>The checks that need no network: scheme, credentials and the form of the host.</summary>
    public static WebhookUrlVerdict CheckForm(string url, bool allowPrivateNetworks, out Uri? uri)
    {
        uri = null;
        if (url.Length > MaxLength || !Uri.TryCreate(url, UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(parsed.Host) || !string.IsNullOrEmpty(parsed.Fragment))
        {
            return WebhookUrlVerdict.Malformed;
        }

        uri = parsed;
        if (parsed.Scheme != Uri.UriSchemeHttps && !allowPrivateNetworks)
        {
            return WebhookUrlVerdict.NotHttps;
        }

        if (!string.IsNullOrEmpty(parsed.UserInfo) || RawAuthority(url).Contains('@', StringComparison.Ordinal))
        {
            return WebhookUrlVerdict.HasCredentials;
        }

        if (IsObscuredAddress(parsed, RawHost(url)))
        {
            return WebhookUrlVerdict.ObscuredAddress;
        }

        if (!allowPrivateNetworks && IPAddress.TryParse(parsed.IdnHost, out var literal) && !PublicAddress.IsAllowed(literal))
        {
            return WebhookUrlVerdict.NonPublicAddress;
        }

        return WebhookUrlVerdict.Allowed;
    }

    /// <summary>
    /// <see cref="Uri"/> turns <c>2130706433</c>, <c>0x7f.1</c> and <c>0177.0.0.1</c> into 127.0.0.1, and
    /// leaves <c>999.1.1.1</c> as a name; browsers and resolvers differ on such forms, so any host whose
    /// last label is a number must be the canonical dotted quad.
    /// </summary>
    private static bool IsObscuredAddress(Uri parsed, string rawHost)
    {
        if (parsed.HostNameType == UriHostNameType.IPv4)
        {
            return !string.Equals(rawHost, parsed.Host, StringComparison.OrdinalIgnoreCase);
        }

        if (parsed.HostNameType != UriHostNameType.Dns)
        {
            return false;
        }

        var last = parsed.Host.TrimEnd('.').Split('.')[^1];
        return last.Length > 0 && (last.All(char.IsAsciiDigit)
            || (last.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && last[2..].All(char.IsAsciiHexDigit)));
    }

    /// <summary>The authority as written, between the scheme and the path.</summary>
    private static string RawAuthority(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var end = url.IndexOfAny(['/', '?', '#', '\\'], start);
        return end < 0 ? url[start..] : url[start..end];
    }

    /// <summary>The host as written, without credentials and port.</summary>
    private static string RawHost(string url)
    {
        var authority = RawAuthority(url);
        var host = authority[(authority.LastIndexOf('@') + 1)..];
        if (host.StartsWith('['))
        {
            return host;
        }

        var colon = host.LastIndexOf(':');
        return colon < 0 ? host : host[..colon];
    }
}
