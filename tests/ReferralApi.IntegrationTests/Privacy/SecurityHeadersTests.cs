using System.Net;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Privacy;

/// <summary>Every answer — referral data, lists, errors, refusals — tells browsers and caches not to sniff or keep it.</summary>
public abstract class SecurityHeadersTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task EveryAnswer_CarriesNoSniffAndNoStore()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        using var anonymous = fx.CreateClient();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "accepted");

        var answers = new List<HttpResponseMessage>
        {
            await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(receiver.Id)),
            await receiver.Client.GetAsync($"/v1/referrals/{id}", Http.Ct),
            await receiver.Client.GetAsync("/v1/referrals?box=inbox", Http.Ct),
            await receiver.Client.GetAsync($"/v1/referrals/{id}/notes", Http.Ct),
            await receiver.Client.GetAsync($"/v1/referrals/{id}/access-log", Http.Ct),
            await receiver.Client.GetAsync($"/v1/referrals/{Guid.CreateVersion7()}", Http.Ct),
            await anonymous.GetAsync($"/v1/referrals/{id}", Http.Ct),
            await anonymous.GetAsync("/health/live", Http.Ct),
        };

        try
        {
            Assert.Equal(
                [HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized, HttpStatusCode.OK],
                answers.Select(a => a.StatusCode));
            Assert.All(answers, a =>
            {
                Assert.Equal("nosniff", a.Headers.GetValues("X-Content-Type-Options").Single());
                Assert.True(a.Headers.CacheControl?.NoStore, $"{a.RequestMessage?.RequestUri}: Cache-Control is {a.Headers.CacheControl}");
            });
        }
        finally
        {
            answers.ForEach(a => a.Dispose());
        }
    }
}

public sealed class SecurityHeadersTests_Sqlite(ApiFixture<Sqlite> fx) : SecurityHeadersTests<Sqlite>(fx);

public sealed class SecurityHeadersTests_Postgres(ApiFixture<Postgres> fx) : SecurityHeadersTests<Postgres>(fx);

public sealed class SecurityHeadersTests_SqlServer(ApiFixture<SqlServer> fx) : SecurityHeadersTests<SqlServer>(fx);
