using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Privacy;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Support;
using static ReferralApi.IntegrationTests.Attachments.AttachmentFiles;

namespace ReferralApi.IntegrationTests.Attachments;

/// <summary>
/// Documents attached to a referral: uploaded raw or as a form, kept byte for byte, downloaded whole
/// or by range, shown and opened as the subject's identity is, deleted to a tombstone, and
/// accounted for in the access log and the event feed.
/// </summary>
public abstract class AttachmentTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task AMultiPagePdf_UploadedByTheSender_DownloadsByteForByte_WithItsHeaders()
    {
        using var police = await fx.CreateAgencyAsync();
        using var uptd = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(police, uptd, "sent");
        var pdf = Pdf(pages: 4, approximateBytes: 300_000);

        using var response = await PostFileAsync(police, id, pdf, "application/pdf", fileName: "visum Siti.pdf");
        var created = await response.ExpectAsync(HttpStatusCode.Created);

        var attachmentId = Guid.Parse((string)created["id"]!);
        Assert.Equal($"/v1/referrals/{id}/attachments/{attachmentId}", response.Headers.Location?.OriginalString);
        Assert.Equal("visum_et_repertum", (string?)created["kind"]);
        Assert.Equal("visum Siti.pdf", (string?)created["fileName"]);
        Assert.Equal("application/pdf", (string?)created["contentType"]);
        Assert.Equal(pdf.Length, (long)created["size"]!);
        Assert.Equal(Sha256(pdf), (string?)created["sha256"]);
        Assert.Equal(police.Id, Guid.Parse((string)created["uploadedByAgencyId"]!));

        using var download = await DownloadAsync(police, id, attachmentId);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync(Http.Ct));
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"\"{Sha256(pdf)}\"", download.Headers.ETag?.ToString());
        Assert.False(download.Headers.ETag!.IsWeak);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("visum Siti.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Contains("bytes", download.Headers.AcceptRanges);
        Assert.Equal(pdf.Length, download.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task AMultipartForm_TakesItsFileNameFromThePart_AndTheTypeFromTheBytes()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "accepted");
        var png = Png(150_000);
        using var form = new MultipartFormDataContent { { new StringContent("ignored"), "note" } };
        var file = Content(png, "application/octet-stream");
        form.Add(file, "file", "luka-lengan.png");

        using var response = await PostContentAsync(receiver, id, form, "photo", fileName: null);
        var created = await response.ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("luka-lengan.png", (string?)created["fileName"]);
        Assert.Equal("image/png", (string?)created["contentType"]);
        Assert.Equal(png, await DownloadBytesAsync(sender, id, Guid.Parse((string)created["id"]!)));
    }

    [Fact]
    public async Task TheReceiver_SeesNoNameAndCannotDownloadBeforeAcceptance_ThenCan_AndLosesItOnCancellation()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        using var stranger = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "received");
        var pdf = Pdf(pages: 1, approximateBytes: 2_000);
        var attachmentId = Guid.Parse((string)(await UploadAsync(sender, id, pdf, fileName: "visum Siti Aminah.pdf"))["id"]!);

        var listed = Assert.Single(await ListAsync(receiver, id))!;
        Assert.Null(listed["fileName"]);
        Assert.Equal("visum_et_repertum", (string?)listed["kind"]);
        Assert.Equal(pdf.Length, (long)listed["size"]!);
        using (var early = await DownloadAsync(receiver, id, attachmentId))
        {
            var problem = await early.ExpectProblemAsync(HttpStatusCode.Forbidden, "not-yet-accepted");
            Assert.Contains("received", (string?)problem["detail"], StringComparison.Ordinal);
        }

        await Scenario.AcknowledgeAsync(receiver, id, "accepted");
        Assert.Equal("visum Siti Aminah.pdf", (string?)Assert.Single(await ListAsync(receiver, id))!["fileName"]);
        Assert.Equal(pdf, await DownloadBytesAsync(receiver, id, attachmentId));

        await Scenario.MoveAsync(sender, id, "cancelled");
        using (var after = await DownloadAsync(receiver, id, attachmentId))
        {
            await after.ExpectProblemAsync(HttpStatusCode.Forbidden, "not-yet-accepted");
        }

        Assert.Null(Assert.Single(await ListAsync(receiver, id))!["fileName"]);
        Assert.Equal(pdf, await DownloadBytesAsync(sender, id, attachmentId));
        using var byStranger = await DownloadAsync(stranger, id, attachmentId);
        await byStranger.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        using var strangerList = await stranger.Client.GetAsync($"/v1/referrals/{id}/attachments", Http.Ct);
        await strangerList.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        using var strangerUpload = await PostFileAsync(stranger, id, pdf, "application/pdf");
        await strangerUpload.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task ADeclinedReferral_ClosesTheFilesToItsReceiver_AndToNewUploads()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "sent");
        var attachmentId = Guid.Parse((string)(await UploadAsync(sender, id, Jpeg(5_000), "image/jpeg", "photo", "foto.jpg"))["id"]!);

        await Scenario.AcknowledgeAsync(receiver, id, "declined");

        using var download = await DownloadAsync(receiver, id, attachmentId);
        await download.ExpectProblemAsync(HttpStatusCode.Forbidden, "not-yet-accepted");
        using var late = await PostFileAsync(sender, id, Pdf(1, 1_000), "application/pdf");
        await late.ExpectProblemAsync(HttpStatusCode.Conflict, "referral-not-open");
        Assert.Single(await ListAsync(sender, id));
    }

    [Fact]
    public async Task AWithdrawalOfConsent_ClosesTheFilesToTheReceiver_AsItHidesTheIdentity()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "accepted");
        var attachmentId = Guid.Parse((string)(await UploadAsync(sender, id, Pdf(1, 2_000), kind: "consent_form", fileName: "persetujuan.pdf"))["id"]!);
        Assert.Equal("persetujuan.pdf", (string?)Assert.Single(await ListAsync(receiver, id))!["fileName"]);

        using (var withdrawn = await sender.Client.PostJsonAsync($"/v1/referrals/{id}/consent-withdrawal", ConsentCase.Withdrawal()))
        {
            await withdrawn.ExpectAsync(HttpStatusCode.OK);
        }

        using var download = await DownloadAsync(receiver, id, attachmentId);
        var problem = await download.ExpectProblemAsync(HttpStatusCode.Forbidden, "not-yet-accepted");
        Assert.Contains("cancelled", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Null(Assert.Single(await ListAsync(receiver, id))!["fileName"]);
    }

    [Fact]
    public async Task AFormWithTwoFiles_Is400_AndStoresNeither()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "sent");
        using var form = new MultipartFormDataContent
        {
            { Content(Pdf(1, 70_000), "application/pdf"), "file", "a.pdf" },
            { Content(Pdf(1, 1_000), "application/pdf"), "other", "b.pdf" },
        };

        using var response = await PostContentAsync(sender, id, form, "police_report", fileName: null);

        Assert.NotEmpty((await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation-failed"))["errors"]!["file"]!.AsArray());
        Assert.Empty(await ListAsync(sender, id));
        Assert.Equal(0, await AttachmentRows.CountAsync(fx.Database, id));
    }

    [Theory]
    [InlineData("bytes=10-19", 10, 19)]
    [InlineData("bytes=65530-65545", 65530, 65545)]
    [InlineData("bytes=131000-", 131000, 199_999)]
    [InlineData("bytes=-5", 199_995, 199_999)]
    public async Task ARange_Answers206_WithExactlyThoseBytes(string range, int from, int to)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "accepted");
        var png = Png(200_000);
        var attachmentId = Guid.Parse((string)(await UploadAsync(sender, id, png, "image/png", "photo", "scan.png"))["id"]!);

        using var response = await DownloadAsync(receiver, id, attachmentId, range);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(png[from..(to + 1)], await response.Content.ReadAsByteArrayAsync(Http.Ct));
        Assert.Equal($"bytes {from}-{to}/{png.Length}", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task ARangeOutsideTheFile_Answers416_WithItsSize()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "sent");
        var attachmentId = Guid.Parse((string)(await UploadAsync(sender, id, Png(1_000), "image/png", "photo", "a.png"))["id"]!);

        using var response = await DownloadAsync(sender, id, attachmentId, "bytes=5000-6000");

        await response.ExpectProblemAsync(HttpStatusCode.RequestedRangeNotSatisfiable, "range-not-satisfiable");
        Assert.Equal("bytes */1000", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task FilesOfOtherTypes_OrDeclaredAsAnother_Are415_AndAnEmptyOne400_AndNothingIsListed()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "sent");

        using var mismatch = await PostFileAsync(sender, id, Pdf(1, 1_000), "image/png");
        using var text = await PostFileAsync(sender, id, "hello"u8.ToArray(), "application/octet-stream");
        using var declaredText = await PostFileAsync(sender, id, "hello"u8.ToArray(), "text/plain");
        using var empty = await PostFileAsync(sender, id, [], "application/pdf");
        using var badKind = await PostFileAsync(sender, id, Pdf(1, 1_000), "application/pdf", kind: "selfie");
        using var badName = await PostFileAsync(sender, id, Pdf(1, 1_000), "application/pdf", fileName: "../etc/passwd");

        var mismatched = await mismatch.ExpectProblemAsync(HttpStatusCode.UnsupportedMediaType, "file-type-not-accepted");
        Assert.Contains("application/pdf", (string?)mismatched["detail"], StringComparison.Ordinal);
        foreach (var refused in new[] { text, declaredText })
        {
            var problem = await refused.ExpectProblemAsync(HttpStatusCode.UnsupportedMediaType, "file-type-not-accepted");
            Assert.Contains("application/pdf, image/jpeg, image/png", (string?)problem["detail"], StringComparison.Ordinal);
        }

        Assert.NotEmpty((await empty.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation-failed"))["errors"]!["body"]!.AsArray());
        Assert.NotEmpty((await badKind.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation-failed"))["errors"]!["kind"]!.AsArray());
        Assert.NotEmpty((await badName.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation-failed"))["errors"]!["fileName"]!.AsArray());
        Assert.Empty(await ListAsync(sender, id));
        Assert.Equal(0, await AttachmentRows.CountAsync(fx.Database, id));
    }

    [Fact]
    public async Task TheUploader_DeletesToATombstone_WhichCannotBeDownloaded_AndOnlyTheUploaderMay()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "accepted");
        var pdf = Pdf(2, 150_000);
        var attachmentId = Guid.Parse((string)(await UploadAsync(receiver, id, pdf, kind: "medical_record", fileName: "rekam.pdf"))["id"]!);

        using (var bySender = await sender.Client.DeleteAsync($"/v1/referrals/{id}/attachments/{attachmentId}", Http.Ct))
        {
            await bySender.ExpectProblemAsync(HttpStatusCode.Forbidden, "not-uploader");
        }

        using (var deleted = await receiver.Client.DeleteAsync($"/v1/referrals/{id}/attachments/{attachmentId}", Http.Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using (var again = await receiver.Client.DeleteAsync($"/v1/referrals/{id}/attachments/{attachmentId}", Http.Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        }

        var tombstone = Assert.Single(await ListAsync(sender, id))!;
        Assert.Equal("medical_record", (string?)tombstone["kind"]);
        Assert.Equal(pdf.Length, (long)tombstone["size"]!);
        Assert.Equal(receiver.Id, Guid.Parse((string)tombstone["deletedByAgencyId"]!));
        Assert.NotNull(tombstone["deletedAt"]);
        Assert.Null(tombstone["fileName"]);
        Assert.Null(tombstone["sha256"]);
        using (var download = await DownloadAsync(sender, id, attachmentId))
        {
            await download.ExpectProblemAsync(HttpStatusCode.Gone, "attachment-gone");
        }

        Assert.Equal(0, await AttachmentRows.ChunkCountAsync(fx.Database, attachmentId));
        var other = Guid.Parse((string)(await UploadAsync(sender, id, Pdf(1, 1_000)))["id"]!);
        await Scenario.MoveAsync(receiver, id, "completed");
        using var closed = await sender.Client.DeleteAsync($"/v1/referrals/{id}/attachments/{other}", Http.Ct);
        await closed.ExpectProblemAsync(HttpStatusCode.Conflict, "referral-not-open");
    }

    [Fact]
    public async Task UploadsDownloadsAndDeletions_AreInTheAccessLog_AndTheEventsCarryIdsAndKindOnly()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "accepted");
        var attachmentId = Guid.Parse((string)(await UploadAsync(sender, id, Pdf(1, 1_000), fileName: "visum Siti.pdf"))["id"]!);
        await ListAsync(receiver, id);
        await DownloadBytesAsync(receiver, id, attachmentId);
        using (var deleted = await sender.Client.DeleteAsync($"/v1/referrals/{id}/attachments/{attachmentId}", Http.Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        var actions = AccessLogApi.Actions(await AccessLogApi.ForReferralAsync(sender.Client, id));
        Assert.Contains("upload_attachment", actions);
        Assert.Contains("list_attachments", actions);
        Assert.Contains("download_attachment", actions);
        Assert.Contains("delete_attachment", actions);

        // On PostgreSQL the feed holds events back while any older transaction on the server is open: poll.
        var (events, _) = await Events.FeedReader.ReadAtLeastAsync(receiver.Client, null, 2, "&types=referral.attachment_added,referral.attachment_deleted");
        var items = events.Where(e => (string)e["data"]!["referralId"]! == id.ToString()).ToList();
        Assert.Equal(["referral.attachment_added", "referral.attachment_deleted"], items.Select(e => (string)e!["type"]!));
        Assert.All(items, e =>
        {
            Assert.Equal(new JsonObject { ["id"] = attachmentId.ToString(), ["kind"] = "visum_et_repertum" }.ToJsonString(), e!["data"]!["attachment"]!.ToJsonString());
            Assert.DoesNotContain("Siti", e.ToJsonString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task ARetriedUpload_WithTheSameIdempotencyKey_StoresOneFile()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "sent");
        var pdf = Pdf(1, 70_000);
        var key = Guid.NewGuid().ToString();

        using var first = await PostFileAsync(sender, id, pdf, "application/pdf", idempotencyKey: key);
        using var second = await PostFileAsync(sender, id, pdf, "application/pdf", idempotencyKey: key);

        var one = await first.ExpectAsync(HttpStatusCode.Created);
        var two = await second.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(one.ToJsonString(), two.ToJsonString());
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Single(await ListAsync(sender, id));
    }

    [Fact]
    public async Task AnAlteredChunk_EndsTheDownload_NeverServingItsBytes()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "sent");
        var png = Png((3 * ChunkSize) - 100);
        var attachmentId = Guid.Parse((string)(await UploadAsync(sender, id, png, "image/png", "photo", "a.png"))["id"]!);

        await AttachmentRows.FlipByteAsync(fx.Database, attachmentId, position: 1);

        using var response = await DownloadAsync(sender, id, attachmentId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsByteArrayAsync(Http.Ct));

        await AttachmentRows.FlipByteAsync(fx.Database, attachmentId, position: 0);
        using var first = await DownloadAsync(sender, id, attachmentId);
        await first.ExpectProblemAsync(HttpStatusCode.InternalServerError, "internal-error");
    }

    [Fact]
    public async Task SwappedOrMissingChunks_AreRefused_LikeAlteredOnes()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "sent");
        var png = Png((2 * ChunkSize) + 10);
        var swapped = Guid.Parse((string)(await UploadAsync(sender, id, png, "image/png", "photo", "a.png"))["id"]!);
        var cut = Guid.Parse((string)(await UploadAsync(sender, id, png, "image/png", "photo", "b.png"))["id"]!);

        await AttachmentRows.SwapChunksAsync(fx.Database, swapped, 0, 1);
        await AttachmentRows.DeleteChunkAsync(fx.Database, cut, 2);

        using var first = await DownloadAsync(sender, id, swapped);
        await first.ExpectProblemAsync(HttpStatusCode.InternalServerError, "internal-error");
        using var truncated = await DownloadAsync(sender, id, cut);
        Assert.Equal(HttpStatusCode.OK, truncated.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => truncated.Content.ReadAsByteArrayAsync(Http.Ct));
    }

    [Fact]
    public async Task AnUploadInProgress_IsNotListed_AndAClientGoneMidWay_LeavesNoRowAndNoChunk()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "sent");
        using var upload = await StalledUpload.StartAsync(fx.Factory, sender, id);
        await AttachmentRows.WaitForChunksAsync(fx.Database, id);
        Assert.Empty(await ListAsync(receiver, id));
        Assert.Empty(await ListAsync(sender, id));

        await upload.DisconnectAsync();
        await AttachmentRows.WaitUntilNoneAsync(fx.Database, id);
        Assert.Empty(await ListAsync(sender, id));
    }
}

public sealed class AttachmentTests_Sqlite(ApiFixture<Sqlite> fx) : AttachmentTests<Sqlite>(fx);

public sealed class AttachmentTests_Postgres(ApiFixture<Postgres> fx) : AttachmentTests<Postgres>(fx);

public sealed class AttachmentTests_SqlServer(ApiFixture<SqlServer> fx) : AttachmentTests<SqlServer>(fx);
