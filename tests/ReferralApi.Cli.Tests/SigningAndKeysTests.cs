using System.Text.Json.Nodes;
using ReferralApi.Cli.Http;
using ReferralApi.Cli.Webhooks;

namespace ReferralApi.Cli.Tests;

/// <summary>The logic under the commands that needs no API: signature checks and idempotency keys.</summary>
public sealed class SigningAndKeysTests
{
    // The Standard Webhooks specification's test vector (the README quotes it).
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Signed = "webhook-id: msg_p5jXN8AQM9LWM0D4loKWxJek\nwebhook-timestamp: 1614265330\nwebhook-signature: v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=\n\n{\"test\": 2432232314}";

    [Fact]
    public void SignatureCheck_AcceptsTheSpecificationsTestVector()
    {
        var delivery = SavedDelivery.Parse(Signed);

        Assert.Equal("{\"test\": 2432232314}", delivery.Body);
        Assert.Null(SignatureCheck.Failure(delivery, Secret, maxAge: null, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void SignatureCheck_AcceptsEitherSignatureDuringARotation()
    {
        var rotated = Signed.Replace("webhook-signature: ", "webhook-signature: v1,bm90LXRoaXMtb25l ", StringComparison.Ordinal);

        Assert.Null(SignatureCheck.Failure(SavedDelivery.Parse(rotated), Secret, maxAge: null, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void SignatureCheck_RefusesAnOldDelivery_WhenAMaxAgeIsSet()
    {
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(1614265330);

        Assert.Null(SignatureCheck.Failure(SavedDelivery.Parse(Signed), Secret, TimeSpan.FromMinutes(5), signedAt.AddMinutes(4)));
        Assert.Contains("old", SignatureCheck.Failure(SavedDelivery.Parse(Signed), Secret, TimeSpan.FromMinutes(5), signedAt.AddMinutes(6)), StringComparison.Ordinal);
    }

    [Fact]
    public void SignatureCheck_RefusesABodyWithAnAddedNewline()
    {
        Assert.NotNull(SignatureCheck.Failure(SavedDelivery.Parse(Signed + "\n"), Secret, maxAge: null, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void IdempotencyKey_IsTheSameForTheSameRequest_WhateverTheSpacing()
    {
        var compact = JsonNode.Parse("""{"decision":"accepted"}""")!;
        var spaced = JsonNode.Parse("{\n  \"decision\" : \"accepted\"\n}")!;

        Assert.Equal(IdempotencyKey.For("acknowledgement", compact, "id", "1"), IdempotencyKey.For("acknowledgement", spaced, "id", "1"));
    }

    [Fact]
    public void IdempotencyKey_DiffersByCommandTargetVersionAndBody()
    {
        var body = JsonNode.Parse("""{"status":"in_progress"}""")!;
        var key = IdempotencyKey.For("status", body, "id", "3");

        Assert.NotEqual(key, IdempotencyKey.For("status", body, "id", "5"));
        Assert.NotEqual(key, IdempotencyKey.For("status", body, "other", "3"));
        Assert.NotEqual(key, IdempotencyKey.For("acknowledgement", body, "id", "3"));
        Assert.NotEqual(key, IdempotencyKey.For("status", JsonNode.Parse("""{"status":"on_hold"}""")!, "id", "3"));
        Assert.Matches("^cli-status-[0-9a-f]{64}$", key);
    }
}
