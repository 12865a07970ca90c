using Dapper;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Attachments;

/// <summary>What the API stored for attachments, read and altered behind its back, as an attacker or a crash would.</summary>
internal static class AttachmentRows
{
    /// <summary>Every row of the referral's attachments, unfinished uploads included.</summary>
    public static async Task<int> CountAsync(EngineDatabase database, Guid referralId)
    {
        await using var connection = database.CreateConnection();
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM attachments WHERE referral_id = @Id", new { Id = referralId });
    }

    public static async Task<int> ChunkCountAsync(EngineDatabase database, Guid attachmentId)
    {
        await using var connection = database.CreateConnection();
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM attachment_chunks WHERE attachment_id = @Id", new { Id = attachmentId });
    }

    /// <summary>The chunks of every attachment of the referral, finished or not.</summary>
    public static async Task<int> ReferralChunkCountAsync(EngineDatabase database, Guid referralId)
    {
        await using var connection = database.CreateConnection();
        return await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM attachment_chunks c JOIN attachments a ON a.id = c.attachment_id WHERE a.referral_id = @Id", new { Id = referralId });
    }

    public static async Task FlipByteAsync(EngineDatabase database, Guid attachmentId, int position)
    {
        await using var connection = database.CreateConnection();
        var args = new { Id = attachmentId, Position = position };
        var sealedBytes = await connection.QuerySingleAsync<byte[]>("SELECT sealed FROM attachment_chunks WHERE attachment_id = @Id AND position = @Position", args);
        sealedBytes[sealedBytes.Length / 2] ^= 0x01;
        Assert.Equal(1, await connection.ExecuteAsync(
            "UPDATE attachment_chunks SET sealed = @Sealed WHERE attachment_id = @Id AND position = @Position", new { args.Id, args.Position, Sealed = sealedBytes }));
    }

    public static async Task SwapChunksAsync(EngineDatabase database, Guid attachmentId, int first, int second)
    {
        await using var connection = database.CreateConnection();
        var a = await connection.QuerySingleAsync<byte[]>("SELECT sealed FROM attachment_chunks WHERE attachment_id = @Id AND position = @Position", new { Id = attachmentId, Position = first });
        var b = await connection.QuerySingleAsync<byte[]>("SELECT sealed FROM attachment_chunks WHERE attachment_id = @Id AND position = @Position", new { Id = attachmentId, Position = second });
        const string Update = "UPDATE attachment_chunks SET sealed = @Sealed WHERE attachment_id = @Id AND position = @Position";
        await connection.ExecuteAsync(Update, new { Id = attachmentId, Position = first, Sealed = b });
        await connection.ExecuteAsync(Update, new { Id = attachmentId, Position = second, Sealed = a });
    }

    public static async Task DeleteChunkAsync(EngineDatabase database, Guid attachmentId, int position)
    {
        await using var connection = database.CreateConnection();
        Assert.Equal(1, await connection.ExecuteAsync("DELETE FROM attachment_chunks WHERE attachment_id = @Id AND position = @Position", new { Id = attachmentId, Position = position }));
    }

    /// <summary>An upload whose client vanished before it ended: its row and one chunk, as a crashed instance would leave them.</summary>
    public static async Task<Guid> InsertUnfinishedAsync(EngineDatabase database, Guid referralId, Guid agencyId, DateTimeOffset startedAt)
    {
        var id = Guid.CreateVersion7();
        await using var connection = database.CreateConnection();
        await connection.ExecuteAsync(
            "INSERT INTO attachments (id, referral_id, kind, size, chunk_count, uploaded_by_agency_id, started_at) VALUES (@Id, @ReferralId, 'photo', 0, 0, @AgencyId, @StartedAt)",
            new { Id = id, ReferralId = referralId, AgencyId = agencyId, StartedAt = startedAt });
        await connection.ExecuteAsync(
            "INSERT INTO attachment_chunks (attachment_id, position, key_id, sealed) VALUES (@Id, 0, 'k', @Sealed)", new { Id = id, Sealed = new byte[64] });
        return id;
    }

    /// <summary>The ids of the referral's attachments, unfinished uploads included.</summary>
    public static async Task<IReadOnlyList<Guid>> IdsAsync(EngineDatabase database, Guid referralId)
    {
        await using var connection = database.CreateConnection();
        return [.. await connection.QueryAsync<Guid>("SELECT id FROM attachments WHERE referral_id = @Id", new { Id = referralId })];
    }

    /// <summary>Waits until some chunk of an upload to the referral is stored (or 30 s passed).</summary>
    public static Task WaitForChunksAsync(EngineDatabase database, Guid referralId) =>
        WaitAsync(async () => await ReferralChunkCountAsync(database, referralId) > 0, "no chunk was stored");

    /// <summary>Waits until the referral has no attachment row and no chunk left (or 30 s passed).</summary>
    public static Task WaitUntilNoneAsync(EngineDatabase database, Guid referralId) =>
        WaitAsync(async () => await CountAsync(database, referralId) == 0 && await ReferralChunkCountAsync(database, referralId) == 0, "rows or chunks remain");

    /// <summary>Waits until <paramref name="done"/> holds (or 30 s passed).</summary>
    public static async Task WaitAsync(Func<Task<bool>> done, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(50, Http.Ct);
        }
    }
}
