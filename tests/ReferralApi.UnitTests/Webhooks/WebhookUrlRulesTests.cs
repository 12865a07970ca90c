using ReferralApi.Features.Webhooks;

namespace ReferralApi.UnitTests.Webhooks;

public sealed class WebhookUrlRulesTests
{
    [Theory]
    [InlineData("https://hooks.example.org/referrals")]
    [InlineData("https://hooks.example.org:8443/in?token=abc")]
    [InlineData("https://8.8.8.8/hook")]
    [InlineData("https://[2606:4700:4700::1111]/hook")]
    public void PublicHttpsUrls_AreAllowed(string url) =>
        Assert.Equal(WebhookUrlVerdict.Allowed, WebhookUrlRules.CheckForm(url, allowPrivateNetworks: false, out _));

    [Theory]
    [InlineData("http://hooks.example.org/", nameof(WebhookUrlVerdict.NotHttps))]
    [InlineData("http://127.0.0.1/", nameof(WebhookUrlVerdict.NotHttps))]
    [InlineData("https://user:secret@hooks.example.org/", nameof(WebhookUrlVerdict.HasCredentials))]
    [InlineData("https://user@hooks.example.org/", nameof(WebhookUrlVerdict.HasCredentials))]
    [InlineData("https://@hooks.example.org/", nameof(WebhookUrlVerdict.HasCredentials))]
    [InlineData("https://2130706433/", nameof(WebhookUrlVerdict.ObscuredAddress))]
    [InlineData("https://134744072/", nameof(WebhookUrlVerdict.ObscuredAddress))]
    [InlineData("https://0x7f000001/", nameof(WebhookUrlVerdict.ObscuredAddress))]
    [InlineData("https://0177.0.0.1/", nameof(WebhookUrlVerdict.ObscuredAddress))]
    [InlineData("https://127.1/", nameof(WebhookUrlVerdict.ObscuredAddress))]
    [InlineData("https://0x7f.1/", nameof(WebhookUrlVerdict.ObscuredAddress))]
    [InlineData("https://999.1.1.1/", nameof(WebhookUrlVerdict.ObscuredAddress))]
    [InlineData("https://127.0.0.1/", nameof(WebhookUrlVerdict.NonPublicAddress))]
    [InlineData("https://10.0.0.1/", nameof(WebhookUrlVerdict.NonPublicAddress))]
    [InlineData("https://169.254.169.254/latest/meta-data", nameof(WebhookUrlVerdict.NonPublicAddress))]
    [InlineData("https://[::1]/", nameof(WebhookUrlVerdict.NonPublicAddress))]
    [InlineData("https://[::ffff:127.0.0.1]/", nameof(WebhookUrlVerdict.NonPublicAddress))]
    [InlineData("https://[::ffff:a9fe:a9fe]/", nameof(WebhookUrlVerdict.NonPublicAddress))]
    [InlineData("https://[fe80::1%25eth0]/", nameof(WebhookUrlVerdict.NonPublicAddress))]
    [InlineData("https://[fd00::1]/", nameof(WebhookUrlVerdict.NonPublicAddress))]
    [InlineData("not a url", nameof(WebhookUrlVerdict.Malformed))]
    [InlineData("/relative/path", nameof(WebhookUrlVerdict.Malformed))]
    [InlineData("ftp://hooks.example.org/", nameof(WebhookUrlVerdict.Malformed))]
    [InlineData("https://hooks.example.org/#fragment", nameof(WebhookUrlVerdict.Malformed))]
    public void ForbiddenUrls_AreRefusedWithTheirReason(string url, string expected) =>
        Assert.Equal(expected, WebhookUrlRules.CheckForm(url, allowPrivateNetworks: false, out _).ToString());

    [Theory]
    [InlineData("http://127.0.0.1:5081/hook")]
    [InlineData("https://10.0.0.1/hook")]
    [InlineData("http://[::1]:8080/")]
    public void PrivateNetworks_AreAllowed_WhenSwitchedOn(string url) =>
        Assert.Equal(WebhookUrlVerdict.Allowed, WebhookUrlRules.CheckForm(url, allowPrivateNetworks: true, out _));

    [Theory]
    [InlineData("https://user:secret@127.0.0.1/", nameof(WebhookUrlVerdict.HasCredentials))]
    [InlineData("http://2130706433/", nameof(WebhookUrlVerdict.ObscuredAddress))]
    public void CredentialsAndObscuredAddresses_AreRefused_EvenWhenSwitchedOn(string url, string expected) =>
        Assert.Equal(expected, WebhookUrlRules.CheckForm(url, allowPrivateNetworks: true, out _).ToString());
}
