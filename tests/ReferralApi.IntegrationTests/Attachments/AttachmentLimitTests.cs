using System.Net;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Support;
using static ReferralApi.IntegrationTests.Attachments.AttachmentFiles;

namespace ReferralApi.IntegrationTests.Attachments;

/// <summary>A host with small attachment limits, so passing them takes little data.</summary>
public sealed class SmallAttachmentLimitsFixture<TEngine> : ApiFixture<TEngine>
    where TEngine : IEngine
{
    public const int MaxFileBytes = 150_000;
    public const int MaxFiles = 3;
    public const int MaxBytes = 300_000;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Attachments:MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Attachments:MaxFilesPerReferral"] = MaxFiles.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Attachments:MaxBytesPerReferral"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>A file over the limit is 413, a referral's files over theirs 422; neither leaves a byte behind.</summary>
public abstract class AttachmentLimitTests<TEngine>(SmallAttachmentLimitsFixture<TEngine> fx) : IClassFixture<SmallAttachmentLimitsFixture<TEngine>>
    where TEngine : IEngine
{
    private const int Max = SmallAttachmentLimitsFixture<TEngine>.MaxFileBytes;

    [Fact]
    public async Task AFileOverTheLimit_Is413_WithTheLimit_AndLeavesNothing_WhetherItsLengthIsKnownOrNot()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "sent");

        using var known = await PostFileAsync(sender, id, Png(Max + 1), "image/png");
        var streamed = new System.Net.Http.StreamContent(new StallingStream(Png(Max + 1), stallAfter: int.MaxValue));
        streamed.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        using var client = StreamingClient(fx.Factory, sender);
        using var unknown = await client.PostAsync($"/v1/referrals/{id}/attachments?kind=photo&fileName=big.png", streamed, Http.Ct);
        using var exactly = await PostFileAsync(sender, id, Png(Max), "image/png", "photo", "max.png");

        foreach (var refused in new[] { known, unknown })
        {
            var problem = await refused.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge, "file-too-large");
            Assert.Contains(Max.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)problem["detail"], StringComparison.Ordinal);
        }

        await exactly.ExpectAsync(HttpStatusCode.Created);
        Assert.Single(await ListAsync(sender, id));
        Assert.Equal(1, await AttachmentRows.CountAsync(fx.Database, id));
    }

    [Fact]
    public async Task TheReferralsFileCount_AndTotalBytes_Are422_AndADeletedFileFreesItsPlace()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "sent");
        var first = await UploadAsync(sender, id, Png(Max), "image/png", "photo", "1.png");
        await UploadAsync(sender, id, Png(Max), "image/png", "photo", "2.png");

        using var overBytes = await PostFileAsync(sender, id, Png(100), "image/png", "photo", "3.png");
        var bytesProblem = await overBytes.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "limit-reached");
        Assert.Contains("300000", (string?)bytesProblem["detail"], StringComparison.Ordinal);

        using (var deleted = await sender.Client.DeleteAsync($"/v1/referrals/{id}/attachments/{(string)first["id"]!}", Http.Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await UploadAsync(sender, id, Png(100), "image/png", "photo", "3.png");
        await UploadAsync(receiver, id, Png(100), "image/png", "photo", "4.png");
        using var overCount = await PostFileAsync(receiver, id, Png(100), "image/png", "photo", "5.png");
        var countProblem = await overCount.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "limit-reached");
        Assert.Contains("3", (string?)countProblem["detail"], StringComparison.Ordinal);
        Assert.Equal(4, (await ListAsync(sender, id)).Count);
        Assert.Equal(4, await AttachmentRows.CountAsync(fx.Database, id));
    }

    [Fact]
    public async Task OtherBodies_AreStillHeldTo256KiB()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "sent");

        using var note = await sender.Client.PostRawAsync($"/v1/referrals/{id}/notes", "{\"text\":\"" + new string('a', 300 * 1024) + "\"}");

        await note.ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }
}

public sealed class AttachmentLimitTests_Sqlite(SmallAttachmentLimitsFixture<Sqlite> fx) : AttachmentLimitTests<Sqlite>(fx);

public sealed class AttachmentLimitTests_Postgres(SmallAttachmentLimitsFixture<Postgres> fx) : AttachmentLimitTests<Postgres>(fx);

public sealed class AttachmentLimitTests_SqlServer(SmallAttachmentLimitsFixture<SqlServer> fx) : AttachmentLimitTests<SqlServer>(fx);
