using System.Reflection;

namespace ReferralApi.Features.Webhooks;

/// <summary>
/// <c>User-Agent: ReferralApi-Webhooks/&lt;version&gt;</c> on every delivery, so a receiver's firewall
/// and logs can tell our calls from others. The version is the API assembly's informational version
/// without any source-control suffix (<c>1.0.0+abc123</c> → <c>1.0.0</c>).
/// </summary>
public static class WebhookUserAgent
{
    public const string Product = "ReferralApi-Webhooks";

    public static readonly string Version = ProductVersion();

    public static readonly string Value = $"{Product}/{Version}";

    private static string ProductVersion()
    {
        var assembly = typeof(WebhookUserAgent).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var version = string.IsNullOrWhiteSpace(informational) ? assembly.GetName().Version?.ToString(3) ?? "1.0.0" : informational;
        return version.Split('+')[0];
    }
}
