using Dapper;
using Microsoft.Extensions.DependencyInjection;
using ReferralApi.Features.Privacy;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Privacy;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Support;
using ReferralApi.IntegrationTests.Webhooks;
using static ReferralApi.IntegrationTests.Attachments.AttachmentFiles;
using static ReferralApi.IntegrationTests.Privacy.RotationKeys;

namespace ReferralApi.IntegrationTests.Attachments;

/// <summary>After a key rotation the re-encryption command moves attachments' chunks and names to the new key too.</summary>
public abstract class AttachmentKeyRotationTests<TEngine>(KeyRotationFixture<TEngine> fx) : IClassFixture<KeyRotationFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task ReEncryption_MovesEveryChunkAndName_SoTheOldKeyCanGo()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "accepted");
        var pdf = Pdf(3, 200_000);
        var attachmentId = Guid.Parse((string)(await UploadAsync(sender, id, pdf, fileName: "visum Siti.pdf"))["id"]!);

        await using var rotated = SecondHost.Start(fx, Ring(SecondId, (FirstId, First), (SecondId, Second)));
        var report = await rotated.Services.GetRequiredService<ReEncryption>().RunAsync(Http.Ct);
        var repeat = await rotated.Services.GetRequiredService<ReEncryption>().RunAsync(Http.Ct);

        Assert.Equal(0, report.ValuesUnreadable);
        Assert.True(report.ValuesRewritten >= 5, $"Only {report.ValuesRewritten} values were rewritten.");
        Assert.Equal(new ReEncryptionReport(0, 0, 0), repeat);
        await using (var connection = fx.Database.CreateConnection())
        {
            var keys = await connection.QueryAsync<string>("SELECT key_id FROM attachment_chunks WHERE attachment_id = @Id", new { Id = attachmentId });
            Assert.Equal([SecondId, SecondId, SecondId, SecondId], keys);
        }

        Assert.StartsWith($"v1.{SecondId}.", await RawDatabase.ValueAsync(fx.Database, "attachments", "file_name", attachmentId), StringComparison.Ordinal);
        await using var secondKeyOnly = SecondHost.Start(fx, Ring(SecondId, (SecondId, Second)));
        using var client = secondKeyOnly.ClientFor(receiver);
        using var download = await client.GetAsync($"/v1/referrals/{id}/attachments/{attachmentId}", Http.Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync(Http.Ct));
        Assert.Equal("visum Siti.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
    }
}

public sealed class AttachmentKeyRotationTests_Sqlite(KeyRotationFixture<Sqlite> fx) : AttachmentKeyRotationTests<Sqlite>(fx);

public sealed class AttachmentKeyRotationTests_Postgres(KeyRotationFixture<Postgres> fx) : AttachmentKeyRotationTests<Postgres>(fx);

public sealed class AttachmentKeyRotationTests_SqlServer(KeyRotationFixture<SqlServer> fx) : AttachmentKeyRotationTests<SqlServer>(fx);
