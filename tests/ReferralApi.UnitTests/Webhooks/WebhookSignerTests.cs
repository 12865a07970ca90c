using System.Security.Cryptography;
using System.Text;
using ReferralApi.Features.Webhooks;

namespace ReferralApi.UnitTests.Webhooks;

public sealed class WebhookSignerTests
{
    // The test vector published with the Standard Webhooks specification.
    private const string VectorSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string VectorId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long VectorTimestamp = 1614265330;
    private const string VectorBody = """{"test": 2432232314}""";
    private const string VectorSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    [Fact]
    public void Sign_MatchesTheStandardWebhooksTestVector()
    {
        var signature = WebhookSigner.Sign(VectorId, DateTimeOffset.FromUnixTimeSeconds(VectorTimestamp), VectorBody, [VectorSecret]);

        Assert.Equal(VectorSignature, signature);
    }

    [Fact]
    public void Sign_WithTwoSecrets_GivesOneSpaceSeparatedSignaturePerSecret_CurrentFirst()
    {
        var current = WebhookSecret.Generate();

        var signature = WebhookSigner.Sign(VectorId, DateTimeOffset.FromUnixTimeSeconds(VectorTimestamp), VectorBody, [current, VectorSecret]);

        var parts = signature.Split(' ');
        Assert.Equal(2, parts.Length);
        Assert.Equal(HandSigned(current), parts[0]);
        Assert.Equal(VectorSignature, parts[1]);
    }

    [Fact]
    public void GeneratedSecrets_Are32RandomBytesBehindThePrefix()
    {
        var first = WebhookSecret.Generate();
        var second = WebhookSecret.Generate();

        Assert.StartsWith("whsec_", first, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(first["whsec_".Length..]).Length);
        Assert.NotEqual(first, second);
    }

    /// <summary>The receiver's side, written from the specification, independent of the library the API signs with.</summary>
    private static string HandSigned(string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{VectorId}.{VectorTimestamp}.{VectorBody}"));
        return "v1," + Convert.ToBase64String(mac);
    }
}
