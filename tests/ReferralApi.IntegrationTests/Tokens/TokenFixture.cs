using ReferralApi.IntegrationTests.Infrastructure;

namespace ReferralApi.IntegrationTests.Tokens;

/// <summary>The API accepting tokens from <see cref="TestIssuer"/> (its JWKS in a temporary file) and browsers from one origin.</summary>
public class TokenFixture<TEngine> : ApiFixture<TEngine>
    where TEngine : IEngine
{
    public const string AllowedOrigin = "http://localhost:3000";

    private readonly string signingKeysFile = Path.Combine(Path.GetTempPath(), $"referral-jwks-{Guid.NewGuid():N}.json");

    public TokenFixture()
    {
        Issuer.WriteSigningKeys(signingKeysFile);
    }

    public TestIssuer Issuer { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(MoreSettings)
    {
        ["Authentication:Jwt:SigningKeysFile"] = signingKeysFile,
        ["Authentication:Jwt:Audience"] = TestIssuer.Audience,
        ["Authentication:Jwt:ValidIssuers:0"] = TestIssuer.Issuer,
        ["Cors:AllowedOrigins:0"] = AllowedOrigin,
    };

    /// <summary>Settings a suite adds to the token ones.</summary>
    protected virtual IReadOnlyDictionary<string, string?> MoreSettings { get; } = new Dictionary<string, string?>();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Issuer.Dispose();
        File.Delete(signingKeysFile);
        GC.SuppressFinalize(this);
    }
}
