using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralApi.Features.AccessLog;
using ReferralApi.Features.Events;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Idempotency;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Paging;
using ReferralApi.Infrastructure.Security;
using ReferralApi.Infrastructure.Validation;

namespace ReferralApi.Features.Referrals;

/// <summary><c>/v1/referrals/{id}/notes</c>: messages between the two parties.</summary>
internal static class ManageNotes
{
    public const int TextMax = 4000;

    public static async Task<Created<NoteResponse>> Add(
        Guid id, AddNoteRequest request, HttpContext http, ClaimsPrincipal user,
        IdempotencyKeys idempotency, UnitOfWork unit, ReferralWriters writers, NoteStore notes, AccessRecorder recorder, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (errors.Required("$.text", request.Text))
        {
            errors.MaxLength("$.text", request.Text, TextMax);
        }

        errors.ThrowIfAny();
        var caller = Caller.From(user);
        await using var claim = await idempotency.ClaimAsync(http, caller, request, ct);
        NoteRow created;
        if (claim.Replay is { } replay)
        {
            created = await notes.FindAsync(replay.ResourceId, ct) ?? throw ApiProblem.NotFound();
            await recorder.RecordReadAsync(http, AccessActions.Replayed(AccessActions.AddNote), [id], ct);
        }
        else
        {
            created = await unit.InTransactionAsync(async token =>
            {
                var referral = await writers.Referrals.FindVisibleSealedAsync(id, caller.Agency, token) ?? throw ApiProblem.NotFound();
                var now = clock.Now();
                var note = new NoteRow
                {
                    Id = Guid.CreateVersion7(), ReferralId = id, AuthorAgencyId = caller.Agency, Text = request.Text!, CreatedAt = now,
                    PersonSub = caller.Person?.Sub, PersonName = caller.Person?.Name,
                };
                if (!await notes.InsertAsync(note, token))
                {
                    throw new ApiProblem(ProblemCodes.PersonalDataErased);
                }

                await writers.Referrals.TouchAsync(id, now, token);
                await recorder.RecordChangeAsync(http, AccessActions.AddNote, [id], token);
                await writers.Events.AppendAsync(new NewEvent(
                    EventTypes.NoteAdded, now, id, referral.CaseId, referral.FromAgencyId, referral.ToAgencyId, referral.Status, referral.Version, caller.Agency), token);
                await claim.CompleteAsync(new IdempotentOutcome(StatusCodes.Status201Created, note.Id), token);
                return note;
            }, ct);
        }

        return TypedResults.Created($"/v1/referrals/{id}/notes/{created.Id}", created.ToResponse());
    }

    public static async Task<Ok<Page<NoteResponse>>> List(
        Guid id, HttpContext http, ClaimsPrincipal user, ReferralStore referrals, NoteStore notes, AccessRecorder recorder, string? limit, string? cursor, CancellationToken ct)
    {
        var page = PageRequest.Parse(limit, cursor);
        var (afterAt, afterId) = InstantIdCursor.Decode(page);

        _ = await referrals.FindVisibleSealedAsync(id, Caller.From(user).Agency, ct) ?? throw ApiProblem.NotFound();
        var rows = await notes.ListAsync(id, page, afterAt, afterId, ct);
        await recorder.RecordReadAsync(http, AccessActions.ReadNotes, [id], ct);
        var items = rows.Take(page.Limit).Select(r => r.ToResponse()).ToList();
        var next = rows.Count > page.Limit ? InstantIdCursor.Encode(items[^1].CreatedAt, items[^1].Id) : null;
        return TypedResults.Ok(new Page<NoteResponse>(items, next));
    }
}
