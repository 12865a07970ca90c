using Microsoft.Extensions.Options;
using ReferralApi.Features.Webhooks;

namespace ReferralApi.UnitTests.Webhooks;

/// <summary>The connection-time half of the URL rule: whatever a host resolves to when sending, a non-public address is never connected to.</summary>
public sealed class GuardedConnectorTests
{
    [Theory]
    [InlineData("http://127.0.0.1:9/hook")]
    [InlineData("http://localhost:9/hook")]
    [InlineData("http://[::1]:9/hook")]
    [InlineData("http://[::ffff:127.0.0.1]:9/hook")]
    public async Task Connect_IsRefused_ForANonPublicAddress(string url)
    {
        using var client = ClientThroughGuard(allowPrivateNetworks: false);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(url), TestContext.Current.CancellationToken));

        Assert.IsType<ForbiddenAddressException>(failure.InnerException);
    }

    [Fact]
    public async Task Connect_IsAttempted_WhenPrivateNetworksAreAllowed()
    {
        using var client = ClientThroughGuard(allowPrivateNetworks: true);

        // Nothing listens on the discard port: the refusal now comes from the network, not the guard.
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("http://127.0.0.1:9/hook"), TestContext.Current.CancellationToken));

        Assert.IsNotType<ForbiddenAddressException>(failure.InnerException);
    }

    private static HttpClient ClientThroughGuard(bool allowPrivateNetworks)
    {
        var guard = new GuardedConnector(Options.Create(new WebhookOptions { AllowPrivateNetworks = allowPrivateNetworks }));
        return new HttpClient(new SocketsHttpHandler { ConnectCallback = guard.ConnectAsync, AllowAutoRedirect = false });
    }
}
