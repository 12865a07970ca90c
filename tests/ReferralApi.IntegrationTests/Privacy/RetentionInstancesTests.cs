using Microsoft.Extensions.DependencyInjection;
using ReferralApi.Features.Retention;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Privacy;

/// <summary>Every instance runs the erasure job; passes running at once erase each referral once and no hold is overridden.</summary>
public abstract class RetentionInstancesTests<TEngine>(ManualRetentionFixture<TEngine> fx) : IClassFixture<ManualRetentionFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task TwoInstancesPassingAtOnce_EraseEachDueReferralExactlyOnce()
    {
        await using var second = fx.StartSecondInstance();
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var due = new List<Guid>();
        foreach (var status in ReferralSteps.Terminal)
        {
            due.Add(await ReferralSteps.InStatusAsync(sender, receiver, status));
        }

        var held = await ReferralSteps.InStatusAsync(sender, receiver, "completed");
        using (var hold = await receiver.Client.SendJsonAsync(HttpMethod.Put, $"/v1/referrals/{held}/legal-hold", new System.Text.Json.Nodes.JsonObject { ["legalHold"] = true }))
        {
            hold.EnsureSuccessStatusCode();
        }

        await fx.AdvanceAsync(TimeSpan.FromDays((5 * 365) + 2), sender, receiver);
        var passes = await Task.WhenAll(
            fx.RunRetentionPassAsync(),
            second.Services.GetRequiredService<RetentionJob>().RunOnceAsync(Http.Ct));

        Assert.Equal(due.Count, passes.Sum());
        foreach (var id in due)
        {
            Assert.Null((string?)(await ReferralSteps.GetAsync(sender, id))["subject"]!["fullName"]);
        }

        Assert.Equal("Siti Aminah Testdata", (string?)(await ReferralSteps.GetAsync(sender, held))["subject"]!["fullName"]);
        Assert.Equal(0, await fx.RunRetentionPassAsync());
    }
}

public sealed class RetentionInstancesTests_Sqlite(ManualRetentionFixture<Sqlite> fx) : RetentionInstancesTests<Sqlite>(fx);

public sealed class RetentionInstancesTests_Postgres(ManualRetentionFixture<Postgres> fx) : RetentionInstancesTests<Postgres>(fx);

public sealed class RetentionInstancesTests_SqlServer(ManualRetentionFixture<SqlServer> fx) : RetentionInstancesTests<SqlServer>(fx);
