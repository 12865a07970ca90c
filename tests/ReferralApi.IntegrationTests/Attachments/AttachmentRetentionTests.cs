using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Privacy;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Support;
using static ReferralApi.IntegrationTests.Attachments.AttachmentFiles;

namespace ReferralApi.IntegrationTests.Attachments;

/// <summary>Retention erases a finished referral's files to tombstones on its schedule; a legal hold keeps them.</summary>
public abstract class AttachmentRetentionTests<TEngine>(ManualRetentionFixture<TEngine> fx) : IClassFixture<ManualRetentionFixture<TEngine>>
    where TEngine : IEngine
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays((5 * 365) + 2);

    [Fact]
    public async Task PastRetention_TheContentsAreErased_LeavingATombstone_UnlessHeld()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var erased = await ReferralSteps.InStatusAsync(sender, receiver, "accepted");
        var held = await ReferralSteps.InStatusAsync(sender, receiver, "accepted");
        var pdf = Pdf(2, 140_000);
        var erasedFile = Guid.Parse((string)(await UploadAsync(sender, erased, pdf, fileName: "visum Siti.pdf"))["id"]!);
        var heldFile = Guid.Parse((string)(await UploadAsync(sender, held, pdf, fileName: "visum Siti.pdf"))["id"]!);
        await Scenario.MoveAsync(receiver, erased, "completed");
        await Scenario.MoveAsync(receiver, held, "completed");
        using (var hold = await receiver.Client.SendJsonAsync(HttpMethod.Put, $"/v1/referrals/{held}/legal-hold", new JsonObject { ["legalHold"] = true }))
        {
            await hold.ExpectAsync(HttpStatusCode.OK);
        }

        await fx.AdvanceAsync(Retention, sender, receiver);
        await fx.RunRetentionPassAsync();

        var tombstone = Assert.Single(await ListAsync(sender, erased))!;
        Assert.NotNull(tombstone["contentsErasedAt"]);
        Assert.Null(tombstone["fileName"]);
        Assert.Null(tombstone["sha256"]);
        Assert.Equal(pdf.Length, (long)tombstone["size"]!);
        using (var gone = await DownloadAsync(sender, erased, erasedFile))
        {
            await gone.ExpectProblemAsync(HttpStatusCode.Gone, "attachment-gone");
        }

        Assert.Equal(0, await AttachmentRows.ChunkCountAsync(fx.Database, erasedFile));
        Assert.Equal(pdf, await DownloadBytesAsync(receiver, held, heldFile));
        Assert.Equal("visum Siti.pdf", (string?)Assert.Single(await ListAsync(sender, held))!["fileName"]);
    }

    [Fact]
    public async Task AnAbandonedUpload_IsRemovedByTheNextPassOnceOld()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "sent");
        var attachmentId = await AttachmentRows.InsertUnfinishedAsync(fx.Database, id, sender.Id, fx.Clock.GetUtcNow());

        await fx.RunRetentionPassAsync();
        Assert.Equal(1, await AttachmentRows.CountAsync(fx.Database, id));
        Assert.Empty(await ListAsync(sender, id));

        await fx.AdvanceAsync(TimeSpan.FromHours(2), sender, receiver);
        await fx.RunRetentionPassAsync();

        Assert.Equal(0, await AttachmentRows.CountAsync(fx.Database, id));
        Assert.Equal(0, await AttachmentRows.ChunkCountAsync(fx.Database, attachmentId));
    }
}

public sealed class AttachmentRetentionTests_Sqlite(ManualRetentionFixture<Sqlite> fx) : AttachmentRetentionTests<Sqlite>(fx);

public sealed class AttachmentRetentionTests_Postgres(ManualRetentionFixture<Postgres> fx) : AttachmentRetentionTests<Postgres>(fx);

public sealed class AttachmentRetentionTests_SqlServer(ManualRetentionFixture<SqlServer> fx) : AttachmentRetentionTests<SqlServer>(fx);
