using System.Security.Cryptography;
using ReferralApi.Infrastructure.Security.Encryption;

namespace ReferralApi.UnitTests.Security;

public sealed class KeyRingTests
{
    private static readonly byte[] Old = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] New = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void Protect_RoundTrips_AndHidesThePlaintext()
    {
        var ring = Ring("k1", ("k1", Old));

        var stored = ring.Protect("whsec_plain-secret", "webhook_subscriptions:1:secret");

        Assert.DoesNotContain("plain-secret", stored, StringComparison.Ordinal);
        Assert.StartsWith("v1.k1.", stored, StringComparison.Ordinal);
        Assert.Equal("whsec_plain-secret", ring.UnprotectString(stored, "webhook_subscriptions:1:secret"));
    }

    [Fact]
    public void Protect_UsesAFreshNonceEachTime()
    {
        var ring = Ring("k1", ("k1", Old));

        Assert.NotEqual(ring.Protect("same", "ctx"), ring.Protect("same", "ctx"));
    }

    [Theory]
    [InlineData("webhook_subscriptions:2:secret")]
    [InlineData("webhook_subscriptions:1:previous_secret")]
    public void Unprotect_Fails_WhenTheValueIsMovedToAnotherRowOrColumn(string otherContext)
    {
        var ring = Ring("k1", ("k1", Old));
        var stored = ring.Protect("secret", "webhook_subscriptions:1:secret");

        Assert.ThrowsAny<CryptographicException>(() => ring.Unprotect(stored, otherContext));
    }

    [Fact]
    public void Unprotect_Fails_WhenTheCiphertextIsAltered()
    {
        var ring = Ring("k1", ("k1", Old));
        var parts = ring.Protect("secret value", "ctx").Split('.');
        parts[3] = parts[3][0] == 'A' ? "B" + parts[3][1..] : "A" + parts[3][1..];

        Assert.ThrowsAny<CryptographicException>(() => ring.Unprotect(string.Join('.', parts), "ctx"));
    }

    [Fact]
    public void AfterRotation_OldValuesStillDecrypt_AndNewValuesUseTheActiveKey()
    {
        var before = Ring("k1", ("k1", Old)).Protect("kept", "ctx");
        var rotated = Ring("k2", ("k1", Old), ("k2", New));

        Assert.Equal("kept", rotated.UnprotectString(before, "ctx"));
        Assert.StartsWith("v1.k2.", rotated.Protect("fresh", "ctx"), StringComparison.Ordinal);
    }

    [Fact]
    public void Unprotect_Fails_WhenTheKeyIsNoLongerConfigured()
    {
        var stored = Ring("k1", ("k1", Old)).Protect("secret", "ctx");

        Assert.ThrowsAny<CryptographicException>(() => Ring("k2", ("k2", New)).Unprotect(stored, "ctx"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Siti Aminah")]
    [InlineData("v1.2 of the safety plan. Call first.")]
    [InlineData("v1.k1.not base64!.x.y")]
    public void KeyIdOf_IsNull_ForValuesNotInTheEncryptedForm(string value)
    {
        Assert.Null(KeyRing.KeyIdOf(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("6101010104010001")]
    public void KeyIdOf_NamesTheKeyThatWroteTheValue(string plaintext)
    {
        Assert.Equal("k2", KeyRing.KeyIdOf(Ring("k2", ("k1", Old), ("k2", New)).Protect(plaintext, "ctx")));
    }

    private static KeyRing Ring(string active, params (string Id, byte[] Key)[] keys) =>
        new(keys.ToDictionary(k => k.Id, k => k.Key), active);
}
