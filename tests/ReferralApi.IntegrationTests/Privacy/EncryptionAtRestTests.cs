using System.Net;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Privacy;

/// <summary>
/// Encryption at rest: a copy of the database shows none of a victim's personal values, and a
/// sealed value moved to another referral is refused rather than shown there.
/// </summary>
public abstract class EncryptionAtRestTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task RawRows_AfterWholeReferralLives_HoldNoneOfThePersonalValues()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var completed = await IdentifiedLife.CompletedAsync(sender, receiver);
        var declined = await IdentifiedLife.DeclinedAsync(sender, receiver);
        var cancelled = await IdentifiedLife.CancelledAsync(sender, receiver);
        await IdentifiedLife.WithdrawnAsync(sender, receiver);

        var shown = string.Concat(
            await IdentifiedLife.EverythingVisibleAsync(sender.Client, completed),
            await IdentifiedLife.EverythingVisibleAsync(sender.Client, declined),
            await IdentifiedLife.EverythingVisibleAsync(sender.Client, cancelled));
        Assert.All(IdentifiedLife.Returned, value => Assert.Contains(value, shown, StringComparison.Ordinal));

        var stored = await RawDatabase.AllValuesAsync(fx.Database);
        var leaks = stored.Where(v => IdentifiedLife.All.Any(p => v.Text.Contains(p, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(leaks.Count == 0, "Stored in the clear: " + string.Join(", ", leaks.Select(l => $"{l.Table}.{l.Column}")));
        Assert.Contains(stored, v => v.Table == "referrals" && v.Column == "subject_national_id" && v.Text.StartsWith("v1.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SealedValue_CopiedToAnotherReferral_IsRefusedNotShown()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var victim = await IdentifiedLife.SendAsync(sender, receiver);
        var other = await ReferralSteps.InStatusAsync(sender, receiver, "sent");
        var sealedNationalId = await RawDatabase.ValueAsync(fx.Database, "referrals", "subject_national_id", victim);

        await RawDatabase.SetValueAsync(fx.Database, "referrals", "subject_national_id", other, sealedNationalId);

        using var response = await sender.Client.GetAsync($"/v1/referrals/{other}", Http.Ct);
        var text = await response.Content.ReadAsStringAsync(Http.Ct);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain(IdentifiedLife.NationalId, text, StringComparison.Ordinal);
    }
}

public sealed class EncryptionAtRestTests_Sqlite(ApiFixture<Sqlite> fx) : EncryptionAtRestTests<Sqlite>(fx);

public sealed class EncryptionAtRestTests_Postgres(ApiFixture<Postgres> fx) : EncryptionAtRestTests<Postgres>(fx);

public sealed class EncryptionAtRestTests_SqlServer(ApiFixture<SqlServer> fx) : EncryptionAtRestTests<SqlServer>(fx);
