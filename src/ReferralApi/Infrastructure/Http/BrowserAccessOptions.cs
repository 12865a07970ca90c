namespace ReferralApi.Infrastructure.Http;

/// <summary><c>Cors</c>: the origins whose browser scripts may call the API (none by default).</summary>
internal sealed class BrowserAccessOptions
{
    public const string SectionName = "Cors";

    /// <summary>Origins as browsers send them: scheme, host and port, no path (<c>https://inbox.uptdppa.example</c>).</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    public static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && uri.Scheme is "https" or "http"
        && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
        && string.IsNullOrEmpty(uri.UserInfo) && !value.TrimEnd('/').EndsWith('/');
}
