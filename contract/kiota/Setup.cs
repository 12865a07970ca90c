using System.Net.Http.Headers;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using ReferralApi.Client;

namespace ReferralApi.KiotaLifecycle;

/// <summary>What the run needs from the environment: the API's address and the demo agencies' keys.</summary>
internal static class Setup
{
    public static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{name} is not set");

    /// <summary>The key of one demo agency, from the file the API writes when it seeds them.</summary>
    public static string DemoKey(string code) =>
        File.ReadLines(Required("CONTRACT_KEYS_FILE"))
            .Select(line => line.Split('\t'))
            .Where(parts => parts.Length == 2 && parts[0] == code)
            .Select(parts => parts[1])
            .FirstOrDefault() ?? throw new InvalidOperationException($"no demo key for {code}");

    /// <summary>
    /// A client calling as one agency. The key travels as <c>Authorization: Bearer</c> on its own
    /// HttpClient: Kiota's bearer and API-key providers refuse the plain-http loopback address the
    /// checks use, as they should anywhere else.
    /// </summary>
    public static ReferralApiClient ClientFor(string apiKey, HttpClient http)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return new ReferralApiClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = Required("CONTRACT_API_URL") });
    }
}
