namespace ReferralApi.Features.Attachments;

/// <summary>One sealed chunk: nonce || ciphertext || tag under the key <see cref="KeyId"/>.</summary>
internal sealed record ChunkRow
{
    public Guid AttachmentId { get; init; }

    public int Position { get; init; }

    public string KeyId { get; init; } = string.Empty;

    public byte[] Sealed { get; init; } = [];
}
