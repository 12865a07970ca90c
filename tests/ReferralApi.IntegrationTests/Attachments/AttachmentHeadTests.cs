using System.Net;
using System.Net.Http.Headers;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Privacy;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Support;
using static ReferralApi.IntegrationTests.Attachments.AttachmentFiles;

namespace ReferralApi.IntegrationTests.Attachments;

/// <summary>
/// <c>HEAD</c> on a download: a download's headers without its bytes, to the same parties only, and
/// in the access log as the metadata read it is (as the list is), not as a download.
/// </summary>
public abstract class AttachmentHeadTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task Head_SendsTheDownloadsHeaders_WithoutABody_EvenForARange()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "accepted");
        var pdf = Pdf(pages: 2, approximateBytes: 150_000);
        var attachmentId = Guid.Parse((string)(await UploadAsync(sender, id, pdf, fileName: "visum Siti.pdf"))["id"]!);

        using var get = await DownloadAsync(receiver, id, attachmentId);
        using var head = await HeadAsync(receiver, id, attachmentId, range: "bytes=0-9");

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync(Http.Ct));
        Assert.Equal(pdf.Length, head.Content.Headers.ContentLength);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Equal("application/pdf", head.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"\"{Sha256(pdf)}\"", head.Headers.ETag?.ToString());
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Contains("bytes", head.Headers.AcceptRanges);
        Assert.Equal("attachment", head.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("visum Siti.pdf", head.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Null(head.Content.Headers.ContentRange);
    }

    [Fact]
    public async Task Head_IsRefusedAsTheDownloadIs_AndLoggedAsAMetadataRead()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        using var stranger = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "received");
        var attachmentId = Guid.Parse((string)(await UploadAsync(sender, id, Pdf(1, 2_000), fileName: "visum Siti.pdf"))["id"]!);
        var deleted = Guid.Parse((string)(await UploadAsync(sender, id, Pdf(1, 2_000)))["id"]!);
        using (var deletion = await sender.Client.DeleteAsync($"/v1/referrals/{id}/attachments/{deleted}", Http.Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, deletion.StatusCode);
        }

        var logged = AccessLogApi.Actions(await AccessLogApi.ForReferralAsync(sender.Client, id));
        using (var notYet = await HeadAsync(receiver, id, attachmentId))
        {
            Assert.Equal(HttpStatusCode.Forbidden, notYet.StatusCode);
            Assert.Null(notYet.Content.Headers.ContentDisposition);
        }

        using (var hidden = await HeadAsync(stranger, id, attachmentId))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        using (var gone = await HeadAsync(sender, id, deleted))
        {
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        }

        using (var head = await HeadAsync(sender, id, attachmentId))
        {
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        }

        var after = AccessLogApi.Actions(await AccessLogApi.ForReferralAsync(sender.Client, id));
        Assert.Equal(logged.Count(a => a == "list_attachments") + 1, after.Count(a => a == "list_attachments"));
        Assert.DoesNotContain("download_attachment", after);
    }

    private static Task<HttpResponseMessage> HeadAsync(TestAgency party, Guid referralId, Guid attachmentId, string? range = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Head, $"/v1/referrals/{referralId}/attachments/{attachmentId}");
        if (range is not null)
        {
            request.Headers.Range = RangeHeaderValue.Parse(range);
        }

        return party.Client.SendAsync(request, Http.Ct);
    }
}

public sealed class AttachmentHeadTests_Sqlite(ApiFixture<Sqlite> fx) : AttachmentHeadTests<Sqlite>(fx);

public sealed class AttachmentHeadTests_Postgres(ApiFixture<Postgres> fx) : AttachmentHeadTests<Postgres>(fx);

public sealed class AttachmentHeadTests_SqlServer(ApiFixture<SqlServer> fx) : AttachmentHeadTests<SqlServer>(fx);
