namespace ReferralApi.Cli.Http;

/// <summary>
/// Where the API is and how to authenticate, from the environment (so keys stay out of the command
/// line, where <c>ps</c> and shell history would show them). A key and a token travel the same way.
/// </summary>
internal sealed record ApiSettings(Uri BaseAddress, string Credential, string Language)
{
    public const string UrlVariable = "REFERRAL_API_URL";
    public const string KeyVariable = "REFERRAL_API_KEY";
    public const string TokenVariable = "REFERRAL_API_TOKEN";

    public static ApiSettings FromEnvironment(Func<string, string?> environment, string language)
    {
        var url = environment(UrlVariable);
        if (string.IsNullOrWhiteSpace(url))
        {
            throw CliException.Usage($"{UrlVariable} is not set (the API's base address, e.g. https://referral.example.go.id).");
        }

        if (!Uri.TryCreate(url.Trim().TrimEnd('/') + "/", UriKind.Absolute, out var baseAddress)
            || baseAddress.Scheme is not ("http" or "https"))
        {
            throw CliException.Usage($"{UrlVariable} is not an http(s) address: {url}");
        }

        var key = environment(KeyVariable);
        var token = environment(TokenVariable);
        if (!string.IsNullOrWhiteSpace(key) && !string.IsNullOrWhiteSpace(token))
        {
            throw CliException.Usage($"Set {KeyVariable} or {TokenVariable}, not both.");
        }

        var credential = !string.IsNullOrWhiteSpace(key) ? key : token;
        if (string.IsNullOrWhiteSpace(credential))
        {
            throw CliException.Usage($"Set {KeyVariable} (an agency API key) or {TokenVariable} (a bearer token).");
        }

        return new ApiSettings(baseAddress, credential.Trim(), language);
    }
}
