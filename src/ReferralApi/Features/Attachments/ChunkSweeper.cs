using Microsoft.Extensions.Options;

namespace ReferralApi.Features.Attachments;

/// <summary>
/// Removes files of the file system store. It runs after a commit, where an exception would turn a
/// committed change into an error answer, so a failure is logged and left to the next cleanup pass.
/// </summary>
internal sealed partial class ChunkSweeper(ChunkFolder folder, IOptions<AttachmentOptions> options, TimeProvider clock, ILogger<ChunkSweeper> logger)
{
    public void RemoveDirectory(Guid attachmentId)
    {
        try
        {
            Directory.Delete(folder.DirectoryOf(attachmentId), recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone: another pass or instance removed it.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            RemovalFailed(logger, attachmentId, e.GetType().FullName ?? "unknown");
        }
    }

    /// <summary>Temporary files older than <c>Attachments:AbandonedAfter</c>: writes a crash cut short (a write takes milliseconds).</summary>
    public void RemoveStaleTemporaryFiles()
    {
        if (!Directory.Exists(folder.Temporary))
        {
            return;
        }

        var before = clock.GetUtcNow().UtcDateTime - options.Value.AbandonedAfter;
        foreach (var file in new DirectoryInfo(folder.Temporary).EnumerateFiles().Where(f => f.LastWriteTimeUtc < before))
        {
            try
            {
                file.Delete();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                TemporaryRemovalFailed(logger, file.Name, e.GetType().FullName ?? "unknown");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The chunks of attachment {AttachmentId} could not be removed ({ExceptionType}); the next cleanup pass removes them")]
    private static partial void RemovalFailed(ILogger logger, Guid attachmentId, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The temporary chunk file {Name} could not be removed ({ExceptionType}); the next cleanup pass tries again")]
    private static partial void TemporaryRemovalFailed(ILogger logger, string name, string exceptionType);
}
