using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ReferralApi.IntegrationTests.Tokens;

/// <summary>
/// A stand-in identity provider: an RSA signing key whose public half it writes as a JWKS file, and
/// tokens signed with it. No network: the API reads the file (Authentication:Jwt:SigningKeysFile).
/// </summary>
public sealed class TestIssuer : IDisposable
{
    public const string Issuer = "https://sso.test.example/realms/referral";
    public const string Audience = "referral-api";

    private readonly RSA rsa = RSA.Create(2048);
    private readonly string keyId = "test-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Writes the JWKS file (public key only) to <paramref name="path"/>.</summary>
    public void WriteSigningKeys(string path)
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var jwks = new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = keyId,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            }),
        };
        File.WriteAllText(path, jwks.ToJsonString());
    }

    /// <summary>
    /// A token for a person of the agency <paramref name="agencyCode"/> (none when null) holding
    /// <paramref name="scope"/> (space separated). <paramref name="adjust"/> may change any claim.
    /// </summary>
    public string Mint(string? agencyCode, string scope, Action<SecurityTokenDescriptor>? adjust = null, string subject = "person-1", string? name = "Ibu Rina")
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["scope"] = scope };
        if (agencyCode is not null)
        {
            claims["agency_code"] = agencyCode;
        }

        if (name is not null)
        {
            claims["name"] = name;
        }

        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now.AddSeconds(-5),
            Expires = now.AddMinutes(10),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = keyId }, SecurityAlgorithms.RsaSha256),
        };
        adjust?.Invoke(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>The same claims signed by a key the API does not know.</summary>
    public static string MintWithForeignKey(string agencyCode)
    {
        using var other = new TestIssuer();
        return other.Mint(agencyCode, "referrals.read");
    }

    public void Dispose() => rsa.Dispose();
}
