using System.Net;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Input;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Support;
using static ReferralApi.IntegrationTests.Attachments.AttachmentFiles;

namespace ReferralApi.IntegrationTests.Attachments;

/// <summary>A chunk altered at rest is logged as such, by ids alone: never the file's name or bytes.</summary>
public abstract class AttachmentLogTests<TEngine>(LogCaptureFixture<TEngine> fx) : IClassFixture<LogCaptureFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task AnAlteredChunk_IsLoggedAsAnError_NamingTheAttachmentAndChunk_AndNotTheFile()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "sent");
        var attachmentId = Guid.Parse((string)(await UploadAsync(sender, id, Pdf(2, 150_000), fileName: "visum Siti Aminah.pdf"))["id"]!);
        await AttachmentRows.FlipByteAsync(fx.Database, attachmentId, position: 2);

        using var response = await DownloadAsync(sender, id, attachmentId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsByteArrayAsync(Http.Ct));

        var lines = fx.Logs.Lines;
        Assert.Contains(lines, l => l.StartsWith("Error ", StringComparison.Ordinal) && l.Contains(attachmentId.ToString(), StringComparison.Ordinal) && l.Contains("chunk 2", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Siti Aminah", StringComparison.Ordinal));
    }
}

public sealed class AttachmentLogTests_Sqlite(LogCaptureFixture<Sqlite> fx) : AttachmentLogTests<Sqlite>(fx);

public sealed class AttachmentLogTests_Postgres(LogCaptureFixture<Postgres> fx) : AttachmentLogTests<Postgres>(fx);

public sealed class AttachmentLogTests_SqlServer(LogCaptureFixture<SqlServer> fx) : AttachmentLogTests<SqlServer>(fx);
