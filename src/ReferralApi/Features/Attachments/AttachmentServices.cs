using Microsoft.Extensions.Options;

namespace ReferralApi.Features.Attachments;

/// <summary>
/// What the attachment handlers work with, on the request's one unit of work: passed as one so a
/// handler's signature names what it does.
/// </summary>
internal sealed record AttachmentServices(AttachmentStore Attachments, IAttachmentChunkStore Chunks, ChunkCipher Cipher, IOptions<AttachmentOptions> Options);
