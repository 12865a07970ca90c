using ReferralApi.Infrastructure.Security;

namespace ReferralApi.UnitTests.Security;

/// <summary>Only a key shaped exactly as generated yields a prefix to look up; anything else never reaches the database.</summary>
public sealed class ApiKeySecretTests
{
    [Fact]
    public void AGeneratedKey_YieldsItsPrefix()
    {
        var (key, prefix, _) = ApiKeySecret.Generate();

        Assert.Equal(prefix, ApiKeySecret.PrefixOf(key));
    }

    [Theory]
    [InlineData("rfk_AAAAAAAA_")]
    [InlineData("rfk_AAAAAAA!_0000000000000000000000000000000000000000000")]
    [InlineData("rfk_AAAAAAAA_000000000000000000000000000000000000000000")]
    [InlineData("rfk_AAAAAAAA_00000000000000000000000000000000000000000000")]
    [InlineData("rfk_AAAAAAAA_000000000000000000000000000000000000000000=")]
    [InlineData("rfx_AAAAAAAA_0000000000000000000000000000000000000000000")]
    [InlineData("rfk_AAAAAAAAA0000000000000000000000000000000000000000000")]
    [InlineData("rfk_AAAAÄAAA_0000000000000000000000000000000000000000000")]
    public void AnythingElse_YieldsNoPrefix(string key) => Assert.Null(ApiKeySecret.PrefixOf(key));

    [Fact]
    public void AWellShapedKey_YieldsItsPrefix_EvenIfNoSuchKeyExists() =>
        Assert.Equal("rfk_AAAAAAAA", ApiKeySecret.PrefixOf("rfk_AAAAAAAA_0000000000000000000000000000000000000000-_0"));
}
