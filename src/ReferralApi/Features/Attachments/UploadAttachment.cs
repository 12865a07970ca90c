using System.Data.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralApi.Domain;
using ReferralApi.Features.AccessLog;
using ReferralApi.Features.Events;
using ReferralApi.Features.Referrals;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Idempotency;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Validation;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Attachments;

/// <summary>
/// <c>POST /v1/referrals/{id}/attachments</c>: either party adds a document while the referral is
/// open. The row is written first, invisible; the chunks stream in; one transaction then makes it
/// visible with its event and access-log row, unless a limit was passed meanwhile. On any failure,
/// a client gone mid-way included, the chunks and the row are removed (or, if even that fails, the
/// next retention pass removes them).
/// </summary>
internal static partial class UploadAttachment
{
    public const int FileNameMax = 255;

    public static async Task<Created<AttachmentResponse>> Handle(
        Guid id, string? kind, string? fileName, HttpContext http, ClaimsPrincipal user, IdempotencyKeys idempotency, UnitOfWork unit,
        ReferralWriters writers, AttachmentServices services, AccessRecorder recorder, TimeProvider clock, ILogger<AttachmentStore> logger, CancellationToken ct)
    {
        var limits = services.Options.Value;
        var errors = new ValidationErrors();
        if (errors.Required("kind", kind) && !Codes.TryParse<AttachmentKind>(kind, out _))
        {
            errors.Add("kind", Messages.UnknownCode, string.Join(", ", Codes.All<AttachmentKind>()));
        }

        if (fileName is not null && !IsFileName(fileName))
        {
            errors.Add("fileName", Messages.FileName);
        }

        errors.ThrowIfAny();
        if (http.Request.ContentLength > limits.MaxFileBytes + AttachmentEndpoints.MultipartAllowance)
        {
            throw new ApiProblem(ProblemCodes.FileTooLarge, new LocalizedText(Messages.FileSizeLimit, limits.MaxFileBytes));
        }

        var caller = Caller.From(user);
        await using var claim = await idempotency.ClaimAsync(http, caller, new { kind, fileName, http.Request.ContentType, http.Request.ContentLength }, ct);
        if (claim.Replay is { } replay)
        {
            var first = await services.Attachments.FindAsync(id, replay.ResourceId, ct) ?? throw ApiProblem.NotFound();
            await recorder.RecordReadAsync(http, AccessActions.Replayed(AccessActions.UploadAttachment), [id], ct);
            return Answer(first);
        }

        await EnsureRoomAsync(id, caller, writers.Referrals, services, ct);
        var body = await UploadBody.OpenAsync(http.Request, ct);
        var name = fileName ?? body.PartFileName;
        if (name is null || !IsFileName(name))
        {
            throw ApiProblem.Validation("fileName", name is null ? Messages.Required : Messages.FileName);
        }

        if (body.ContentType is { } declared && declared != "application/octet-stream" && !FileSignatures.Accepted.Contains(declared))
        {
            throw new ApiProblem(ProblemCodes.FileTypeNotAccepted, new LocalizedText(Messages.FileTypeUnknown, string.Join(", ", FileSignatures.Accepted)));
        }

        var started = new AttachmentRow { Id = Guid.CreateVersion7(), ReferralId = id, Kind = kind!, UploadedByAgencyId = caller.Agency, StartedAt = clock.Now() };
        await services.Attachments.StartAsync(started, ct);
        var completed = false;
        try
        {
            var stored = await ChunkedUpload.StoreAsync(body.Content, started.Id, body.ContentType, limits.MaxFileBytes, services.Chunks, services.Cipher, ct);
            await body.EnsureNoOtherFileAsync(ct);
            var row = await CompleteAsync(http, started with
            {
                FileName = name, ContentType = stored.ContentType, Size = stored.Size, Sha256 = stored.Sha256, ChunkCount = stored.ChunkCount,
            }, caller, claim, unit, writers, services, recorder, clock, ct);
            completed = true;
            return Answer(row);
        }
        finally
        {
            if (!completed)
            {
                await DiscardAsync(started.Id, services, logger);
            }
        }
    }

    /// <summary>A name as a file system would keep it: no path, no control characters, no padding.</summary>
    public static bool IsFileName(string name) =>
        name.Length is > 0 and <= FileNameMax && name.Trim() == name && !name.Any(c => char.IsControl(c) || c is '/' or '\\');

    private static Created<AttachmentResponse> Answer(AttachmentRow row) =>
        TypedResults.Created($"/v1/referrals/{row.ReferralId}/attachments/{row.Id}", row.ToResponse(showFileName: true));

    /// <summary>Refuses early, before a byte is read, what the final check would refuse anyway.</summary>
    private static async Task EnsureRoomAsync(Guid id, Caller caller, ReferralStore referrals, AttachmentServices services, CancellationToken ct)
    {
        var referral = await referrals.FindVisibleSealedAsync(id, caller.Agency, ct) ?? throw ApiProblem.NotFound();
        if (ReferralLifecycle.IsTerminal(Codes.Parse<ReferralStatus>(referral.Status)))
        {
            throw new ApiProblem(ProblemCodes.ReferralNotOpen);
        }

        var live = await services.Attachments.LiveAsync(id, ct);
        if (live.Files >= services.Options.Value.MaxFilesPerReferral)
        {
            throw new ApiProblem(ProblemCodes.LimitReached, new LocalizedText(Messages.AttachmentCountLimit, live.Files));
        }
    }

    private static async Task<AttachmentRow> CompleteAsync(
        HttpContext http, AttachmentRow stored, Caller caller, IdempotencyClaim claim, UnitOfWork unit, ReferralWriters writers,
        AttachmentServices services, AccessRecorder recorder, TimeProvider clock, CancellationToken ct) =>
        await unit.InTransactionAsync(async token =>
        {
            var referral = await writers.Referrals.FindVisibleSealedAsync(stored.ReferralId, caller.Agency, token) ?? throw ApiProblem.NotFound();
            if (ReferralLifecycle.IsTerminal(Codes.Parse<ReferralStatus>(referral.Status)))
            {
                throw new ApiProblem(ProblemCodes.ReferralNotOpen);
            }

            var now = clock.Now();
            var row = stored with { UploadedAt = now };

            // Locks the referral's row first, so two uploads to one referral are judged one after the other.
            await writers.Referrals.TouchAsync(row.ReferralId, now, token);
            var limits = services.Options.Value;
            if (!await services.Attachments.CompleteAsync(row, limits.MaxFilesPerReferral, limits.MaxBytesPerReferral, token))
            {
                throw await RefusalAsync(row, services, token);
            }

            await recorder.RecordChangeAsync(http, AccessActions.UploadAttachment, [row.ReferralId], token);
            await writers.Events.AppendAsync(new NewEvent(
                EventTypes.AttachmentAdded, now, row.ReferralId, referral.CaseId, referral.FromAgencyId, referral.ToAgencyId, referral.Status, referral.Version, caller.Agency)
            {
                Attachment = new EventAttachment(row.Id, row.Kind),
            }, token);
            await claim.CompleteAsync(new IdempotentOutcome(StatusCodes.Status201Created, row.Id), token);
            return row;
        }, ct);

    private static async Task<ApiProblem> RefusalAsync(AttachmentRow row, AttachmentServices services, CancellationToken ct)
    {
        var limits = services.Options.Value;
        var live = await services.Attachments.LiveAsync(row.ReferralId, ct);
        return live.Files >= limits.MaxFilesPerReferral
            ? new ApiProblem(ProblemCodes.LimitReached, new LocalizedText(Messages.AttachmentCountLimit, live.Files))
            : live.Bytes + row.Size > limits.MaxBytesPerReferral
                ? new ApiProblem(ProblemCodes.LimitReached, new LocalizedText(Messages.AttachmentBytesLimit, limits.MaxBytesPerReferral))
                : new ApiProblem(ProblemCodes.PersonalDataErased);
    }

    /// <summary>Removes an unfinished upload; it runs after the request may have been aborted, so it takes no request token.</summary>
    private static async Task DiscardAsync(Guid attachmentId, AttachmentServices services, ILogger logger)
    {
        try
        {
            await services.Chunks.DeleteUnfinishedAsync(attachmentId, CancellationToken.None);
            await services.Attachments.DeleteUnfinishedAsync(attachmentId, CancellationToken.None);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException or CommitOutcomeUnknownException)
        {
            DiscardFailed(logger, attachmentId, e.GetType().FullName ?? "unknown");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An unfinished upload {AttachmentId} could not be removed ({ExceptionType}); the next retention pass removes it")]
    private static partial void DiscardFailed(ILogger logger, Guid attachmentId, string exceptionType);
}
