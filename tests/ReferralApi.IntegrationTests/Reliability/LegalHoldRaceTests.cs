using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;
using static ReferralApi.IntegrationTests.Reliability.Reliable;

namespace ReferralApi.IntegrationTests.Reliability;

/// <summary>
/// One party sets a legal hold while the other releases: whatever the interleaving, the release
/// either came first (and released nothing) or is refused; the hold is never released by the party
/// that did not set it.
/// </summary>
public abstract class LegalHoldRaceTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    private const int Rounds = 15;
    private const int ReleasesPerRound = 4;

    [Fact]
    public async Task AHoldSetWhileTheOtherPartyReleases_IsNeverReleasedByThem()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var referrals = new List<Guid>();
        for (var i = 0; i < Rounds; i++)
        {
            referrals.Add(Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver)));
        }

        var responses = await ReleaseTogetherAsync(Rounds * (ReleasesPerRound + 1), i =>
        {
            var (referral, hold) = (referrals[i % Rounds], i < Rounds);
            var party = hold ? receiver : sender;
            return party.Client.SendJsonAsync(HttpMethod.Put, $"/v1/referrals/{referral}/legal-hold", new JsonObject { ["legalHold"] = hold });
        });
        try
        {
            await AssertNoServerErrorsAsync(responses);
            Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Forbidden }));
        }
        finally
        {
            Array.ForEach(responses, r => r.Dispose());
        }

        foreach (var referral in referrals)
        {
            using var state = await sender.Client.GetAsync($"/v1/referrals/{referral}/legal-hold", Http.Ct);
            var hold = await state.ExpectAsync(HttpStatusCode.OK);
            Assert.True((bool)hold["legalHold"]!, $"The hold on {referral} was released by the party that did not set it.");
            Assert.Equal(receiver.Id.ToString(), (string?)hold["changedByAgencyId"]);
        }
    }
}

public sealed class LegalHoldRaceTests_Sqlite(ApiFixture<Sqlite> fx) : LegalHoldRaceTests<Sqlite>(fx);

public sealed class LegalHoldRaceTests_Postgres(ApiFixture<Postgres> fx) : LegalHoldRaceTests<Postgres>(fx);

public sealed class LegalHoldRaceTests_SqlServer(ApiFixture<SqlServer> fx) : LegalHoldRaceTests<SqlServer>(fx);
