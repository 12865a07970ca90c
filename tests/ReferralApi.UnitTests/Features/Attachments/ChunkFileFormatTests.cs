using ReferralApi.Features.Attachments;

namespace ReferralApi.UnitTests.Features.Attachments;

/// <summary>A chunk file's header names its key; anything that is not such a header is no chunk at all.</summary>
public sealed class ChunkFileFormatTests
{
    [Fact]
    public void AChunk_ReadsBackWithItsKeyAndSealedBytes()
    {
        var id = Guid.NewGuid();
        byte[] file = [.. ChunkFileFormat.Header("2027-second"), 9, 8, 7];

        var chunk = ChunkFileFormat.Parse(id, 4, file);

        Assert.NotNull(chunk);
        Assert.Equal((id, 4, "2027-second"), (chunk.AttachmentId, chunk.Position, chunk.KeyId));
        Assert.Equal(new byte[] { 9, 8, 7 }, chunk.Sealed);
    }

    public static TheoryData<byte[]> NotChunks() => new(
        Array.Empty<byte>(),
        "RAC"u8.ToArray(),
        [.. "RAC2"u8, 1, (byte)'k', 0],
        [.. "RAC1"u8, 0, 1, 2],
        [.. "RAC1"u8, 5, (byte)'k'],
        [.. "RAC1"u8, 1, 0xFF, 1, 2]);

    [Theory]
    [MemberData(nameof(NotChunks))]
    public void BytesWithoutAWholeHeader_AreNoChunk(byte[] file) => Assert.Null(ChunkFileFormat.Parse(Guid.NewGuid(), 0, file));

    [Fact]
    public void AKeyIdThatCannotFitTheHeader_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => ChunkFileFormat.Header(string.Empty));
        Assert.Throws<ArgumentException>(() => ChunkFileFormat.Header(new string('k', 256)));
    }
}
