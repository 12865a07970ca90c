using Microsoft.Extensions.Options;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Json;

namespace ReferralApi.Features.Attachments;

/// <summary>
/// The attachment side of a retention pass, on the pass's unit of work: erasing the contents of an
/// erased referral's files (a tombstone stays), and removing uploads that never completed.
/// </summary>
internal sealed class AttachmentCleanup(UnitOfWork unit, AttachmentStore attachments, IAttachmentChunkStore chunks, IOptions<AttachmentOptions> options, TimeProvider clock)
{
    /// <summary>Erases every file of the referral, inside the transaction that erases the referral, so both commit together.</summary>
    public async Task EraseContentsAsync(Guid referralId, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var id in await attachments.WithContentsAsync(referralId, ct))
        {
            await chunks.DeleteAllAsync(id, ct);
            await attachments.MarkErasedAsync(id, now, ct);
        }
    }

    /// <summary>
    /// Files completed in the instant their referral was erased, found on every pass (as late notes
    /// are); uploads abandoned for longer than <c>Attachments:AbandonedAfter</c>, each removed
    /// with its chunks in a transaction of its own; then contents no live file owns any more.
    /// </summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.Now();
        foreach (var referralId in await attachments.ErasedReferralsWithContentsAsync(ct))
        {
            await unit.InTransactionAsync(async token =>
            {
                await EraseContentsAsync(referralId, now, token);
                return true;
            }, ct);
        }

        foreach (var id in await attachments.AbandonedAsync(now - options.Value.AbandonedAfter, ct))
        {
            await unit.InTransactionAsync(async token =>
            {
                await chunks.DeleteUnfinishedAsync(id, token);
                await attachments.DeleteUnfinishedAsync(id, token);
                return true;
            }, ct);
        }

        await chunks.RemoveOrphansAsync(ct);
    }
}
