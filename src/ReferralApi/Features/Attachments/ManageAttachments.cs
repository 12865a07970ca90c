using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralApi.Domain;
using ReferralApi.Features.AccessLog;
using ReferralApi.Features.Events;
using ReferralApi.Features.Referrals;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Attachments;

/// <summary><c>/v1/referrals/{id}/attachments</c>: the list of a referral's documents, and their deletion by the uploader.</summary>
internal static class ManageAttachments
{
    public static async Task<Ok<AttachmentList>> List(
        Guid id, HttpContext http, ClaimsPrincipal user, ReferralStore referrals, AttachmentServices services, AccessRecorder recorder, CancellationToken ct)
    {
        var agency = Caller.From(user).Agency;
        var referral = await referrals.FindVisibleSealedAsync(id, agency, ct) ?? throw ApiProblem.NotFound();
        var rows = await services.Attachments.ListAsync(id, ct);
        await recorder.RecordReadAsync(http, AccessActions.ListAttachments, [id], ct);
        var showNames = AttachmentDisclosure.MayOpen(referral, agency);
        return TypedResults.Ok(new AttachmentList([.. rows.Select(r => r.ToResponse(showNames))]));
    }

    /// <summary>
    /// The uploader removes a file while the referral is open: its contents go at once, and a
    /// tombstone (kind, size, who and when) stays in the list. Deleting it again changes nothing.
    /// </summary>
    public static async Task<NoContent> Delete(
        Guid id, Guid attachmentId, HttpContext http, ClaimsPrincipal user, UnitOfWork unit, ReferralWriters writers, AttachmentServices services,
        AccessRecorder recorder, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        await unit.InTransactionAsync(async token =>
        {
            var referral = await writers.Referrals.FindVisibleSealedAsync(id, caller.Agency, token) ?? throw ApiProblem.NotFound();
            var row = await services.Attachments.FindAsync(id, attachmentId, token) ?? throw ApiProblem.NotFound();
            if (row.UploadedByAgencyId != caller.Agency)
            {
                throw new ApiProblem(ProblemCodes.NotUploader);
            }

            if (ReferralLifecycle.IsTerminal(Codes.Parse<ReferralStatus>(referral.Status)))
            {
                throw new ApiProblem(ProblemCodes.ReferralNotOpen);
            }

            var now = clock.Now();
            await writers.Referrals.TouchAsync(id, now, token);
            if (!await services.Attachments.MarkDeletedAsync(attachmentId, caller.Agency, now, token))
            {
                return false;
            }

            await services.Chunks.DeleteAllAsync(attachmentId, token);
            await recorder.RecordChangeAsync(http, AccessActions.DeleteAttachment, [id], token);
            await writers.Events.AppendAsync(new NewEvent(
                EventTypes.AttachmentDeleted, now, id, referral.CaseId, referral.FromAgencyId, referral.ToAgencyId, referral.Status, referral.Version, caller.Agency)
            {
                Attachment = new EventAttachment(row.Id, row.Kind),
            }, token);
            return true;
        }, ct);
        return TypedResults.NoContent();
    }
}
