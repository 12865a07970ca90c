namespace ReferralApi.Infrastructure.Security.Tokens;

/// <summary>
/// Keys and tokens both arrive as <c>Authorization: Bearer</c>; the credential's shape picks the
/// handler. Our keys start <c>rfk_</c>; a JWT is three dot-separated base64url parts whose header
/// starts <c>eyJ</c> (<c>{"</c>); an unsigned one (empty third part) goes to the token handler too,
/// which refuses it as such. Everything else, the admin key included, goes to the key handler.
/// </summary>
internal static class BearerSchemes
{
    public const string Selector = "Bearer";
    public const string Token = "Token";

    public static string For(HttpContext context, bool tokensEnabled)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!tokensEnabled || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return ApiKeyAuthenticationHandler.SchemeName;
        }

        var credential = header.AsSpan("Bearer ".Length).Trim();
        return LooksLikeJwt(credential) ? Token : ApiKeyAuthenticationHandler.SchemeName;
    }

    public static bool LooksLikeJwt(ReadOnlySpan<char> credential) =>
        !credential.StartsWith(ApiKeySecret.Scheme, StringComparison.Ordinal)
        && credential.StartsWith("eyJ", StringComparison.Ordinal)
        && credential.Count('.') == 2
        && !credential.Contains("..", StringComparison.Ordinal);
}
