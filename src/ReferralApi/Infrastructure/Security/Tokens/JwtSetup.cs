using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Telemetry;

namespace ReferralApi.Infrastructure.Security.Tokens;

/// <summary>
/// The JWT bearer handler behind <see cref="BearerSchemes.Token"/>: signing keys from OIDC discovery
/// or a JWKS file, audience and issuers from configuration, asymmetric signatures only, and answers
/// in problem+json like every other refusal.
/// </summary>
internal static class JwtSetup
{
    private static readonly string[] AsymmetricAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public static AuthenticationBuilder AddTokens(this AuthenticationBuilder authentication, JwtOptions options)
    {
        if (!options.Enabled)
        {
            return authentication;
        }

        return authentication.AddJwtBearer(BearerSchemes.Token, jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.RequireHttpsMetadata = options.RequireHttpsMetadata;
            if (!string.IsNullOrWhiteSpace(options.Authority))
            {
                jwt.Authority = options.Authority;
            }

            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidAudience = options.Audience,
                ValidateIssuer = true,
                ValidIssuers = options.ValidIssuers.Count > 0 ? options.ValidIssuers : null,
                ValidAlgorithms = AsymmetricAlgorithms,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ClockSkew = TimeSpan.FromMinutes(1),
                NameClaimType = "name",
                IssuerSigningKeys = string.IsNullOrWhiteSpace(options.SigningKeysFile) ? null : ReadSigningKeys(options.SigningKeysFile),
            };
            jwt.Events = new JwtBearerEvents
            {
                OnTokenValidated = TokenPrincipal.OnTokenValidatedAsync,
                OnAuthenticationFailed = context =>
                {
                    context.HttpContext.RequestServices.GetService<ReferralMetrics>()?.AuthenticationFailed();
                    return Task.CompletedTask;
                },
                OnChallenge = context =>
                {
                    context.HandleResponse();
                    context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
                    return ProblemWriter.WriteAsync(context.HttpContext, new ApiProblem(ProblemCodes.Unauthorized));
                },
                OnForbidden = context => ProblemWriter.WriteAsync(context.HttpContext, new ApiProblem(ProblemCodes.Forbidden)),
            };
        });
    }

    /// <summary>The public keys of a JWKS file; checked at start-up (<see cref="HasSigningKeys"/>), so a bad file stops the start rather than every token later.</summary>
    public static IList<SecurityKey> ReadSigningKeys(string path) => new JsonWebKeySet(File.ReadAllText(path)).GetSigningKeys();

    public static bool HasSigningKeys(string path)
    {
        try
        {
            return ReadSigningKeys(path).Count > 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
