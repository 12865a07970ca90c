using Microsoft.Extensions.Options;

namespace ReferralApi.Features.Attachments;

/// <summary>
/// Checks <c>Attachments:Store</c> at start-up and, for the file system store, creates
/// <c>Attachments:Folder</c> and proves it writable, so a wrong folder stops the API with the reason
/// instead of failing the first upload.
/// </summary>
internal sealed class AttachmentStoreValidation : IValidateOptions<AttachmentOptions>
{
    public ValidateOptionsResult Validate(string? name, AttachmentOptions options) => options.Store switch
    {
        AttachmentOptions.DatabaseStore => ValidateOptionsResult.Success,
        AttachmentOptions.FileSystemStore => ChunkFolder.Prepare(options.Folder) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success,
        _ => ValidateOptionsResult.Fail($"Attachments:Store must be {AttachmentOptions.DatabaseStore} or {AttachmentOptions.FileSystemStore}."),
    };
}
