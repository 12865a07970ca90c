using Microsoft.Extensions.DependencyInjection;
using ReferralApi.Features.Privacy;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Support;
using ReferralApi.IntegrationTests.Webhooks;
using static ReferralApi.IntegrationTests.Attachments.AttachmentFiles;
using static ReferralApi.IntegrationTests.Privacy.RotationKeys;

namespace ReferralApi.IntegrationTests.Attachments;

/// <summary>After a key rotation the re-encryption command reseals the chunk files of the file system store too, each replaced whole.</summary>
public abstract class FileSystemKeyRotationTests<TEngine>(FileSystemStoreFixture<TEngine> fx) : IClassFixture<FileSystemStoreFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task ReEncryption_ResealsEveryChunkFile_SoTheOldKeyCanGo()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "accepted");
        var pdf = Pdf(3, 200_000);
        var attachmentId = Guid.Parse((string)(await UploadAsync(sender, id, pdf, fileName: "visum Siti.pdf"))["id"]!);
        var deleted = Guid.Parse((string)(await UploadAsync(sender, id, pdf, fileName: "old.pdf"))["id"]!);
        using (var deletion = await sender.Client.DeleteAsync($"/v1/referrals/{id}/attachments/{deleted}", Http.Ct))
        {
            Assert.Equal(System.Net.HttpStatusCode.NoContent, deletion.StatusCode);
        }

        var before = Enumerable.Range(0, 4).Select(p => File.ReadAllBytes(fx.Files.PathOf(attachmentId, p))).ToList();
        var rotatedSettings = new Dictionary<string, string?>(Ring(SecondId, (FirstId, First), (SecondId, Second)).Concat(fx.StoreSettings));
        await using var rotated = SecondHost.Start(fx, rotatedSettings);
        var report = await rotated.Services.GetRequiredService<ReEncryption>().RunAsync(Http.Ct);
        var repeat = await rotated.Services.GetRequiredService<ReEncryption>().RunAsync(Http.Ct);

        Assert.Equal(0, report.ValuesUnreadable);
        Assert.True(report.ValuesRewritten >= 5, $"Only {report.ValuesRewritten} values were rewritten.");
        Assert.Equal(new ReEncryptionReport(0, 0, 0), repeat);
        Assert.Equal([0, 1, 2, 3], fx.Files.Positions(attachmentId));
        Assert.All(Enumerable.Range(0, 4), p => Assert.Equal(SecondId, fx.Files.KeyIdOf(attachmentId, p)));
        Assert.All(Enumerable.Range(0, 4), p => Assert.NotEqual(before[p], File.ReadAllBytes(fx.Files.PathOf(attachmentId, p))));
        Assert.False(fx.Files.Exists(deleted));
        Assert.Empty(Directory.GetFiles(fx.Files.Temporary));

        await using var secondKeyOnly = SecondHost.Start(fx, new Dictionary<string, string?>(Ring(SecondId, (SecondId, Second)).Concat(fx.StoreSettings)));
        using var client = secondKeyOnly.ClientFor(receiver);
        using var download = await client.GetAsync($"/v1/referrals/{id}/attachments/{attachmentId}", Http.Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync(Http.Ct));
    }
}

public sealed class FileSystemKeyRotationTests_Sqlite(FileSystemStoreFixture<Sqlite> fx) : FileSystemKeyRotationTests<Sqlite>(fx);

public sealed class FileSystemKeyRotationTests_Postgres(FileSystemStoreFixture<Postgres> fx) : FileSystemKeyRotationTests<Postgres>(fx);

public sealed class FileSystemKeyRotationTests_SqlServer(FileSystemStoreFixture<SqlServer> fx) : FileSystemKeyRotationTests<SqlServer>(fx);
