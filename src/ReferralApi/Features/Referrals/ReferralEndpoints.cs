using ReferralApi.Infrastructure.Http;
using ReferralApi.Infrastructure.OpenApi;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Referrals;

internal static class ReferralEndpoints
{
    public static WebApplicationBuilder AddReferrals(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReferralDeadlineOptions>().BindConfiguration(ReferralDeadlineOptions.SectionName)
            .Validate(o => o.Emergency > TimeSpan.Zero && o.Urgent > TimeSpan.Zero && o.Routine > TimeSpan.Zero, "Deadlines must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ReferralDeadlines>();
        builder.Services.AddSingleton<PersonalDataCipher>();
        builder.Services.AddScoped<ReferralStore>();
        builder.Services.AddScoped<StatusHistoryStore>();
        builder.Services.AddScoped<NoteStore>();
        builder.Services.AddScoped<ConsentWithdrawalStore>();
        builder.Services.AddScoped<ReferralWriters>();
        builder.Services.AddScoped<ReferralCreation>();
        builder.Services.AddScoped<ReferralBatch>();
        builder.Services.AddOptions<ReferralExportOptions>().BindConfiguration(ReferralExportOptions.SectionName)
            .Validate(o => o.SettleTime >= TimeSpan.Zero && o.RowsPerBatch is >= 1 and <= 10_000, "Referrals:Export needs SettleTime >= 0 and RowsPerBatch from 1 to 10000.")
            .ValidateOnStart();
        builder.Services.AddOptions<ReferralBatchOptions>().BindConfiguration(ReferralBatchOptions.SectionName)
            .Validate(o => o.ItemsPerTransaction is >= 1 and <= ImportReferrals.MaxItems, "Referrals:Batch:ItemsPerTransaction must be from 1 to 500.")
            .ValidateOnStart();
        return builder;
    }

    public static IEndpointRouteBuilder MapReferrals(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/referrals").WithTags("Referrals").RequireAuthorization(Policies.Agency);
        group.MapPost("/", CreateReferral.Handle).WithName("CreateReferral").SendsEntityTag()
            .WithSummary("Send a referral; opens a case, or joins one with caseId or previousReferralId.")
            .WithDescription("The receiving agency must take referrals (422 recipient-unavailable), must not be closed (422 recipient-closed) "
                + "and must offer at least one of servicesRequested (422 service-not-offered). The 201 answer alone carries "
                + "`warnings`, a list of { code, message } in the caller's language: `recipient-full` when the receiver reports "
                + "capacityStatus full (the referral is sent all the same), `services-partly-offered` naming requested services it does not offer.")
            .AcceptsIdempotencyKey()
            .ProducesProblems(400, 403, 409, 413, 415, 422);
        group.MapPost("/batch", ImportReferrals.Handle).WithName("CreateReferralBatch")
            .WithMetadata(new BodySizeLimit(ImportReferrals.MaxBodyBytes))
            .Accepts<IReadOnlyList<CreateReferralRequest>>("application/json", ReferralBatchReader.NdjsonMediaType)
            .WithSummary("Send up to 500 referrals at once, each judged on its own with the rules of a single create.")
            .WithDescription("The body is NDJSON (`application/x-ndjson`, one create per line; blank lines are skipped) or a JSON array. "
                + "Every item needs `externalReference`. The answer is 200 with one result per item, in order: `201` with `id`, "
                + "`201` with `replayed: true` when the sender already sent that externalReference with the same body, or the "
                + "item's 4xx `problem` as a single create would answer it (field errors keyed by the JSON path inside the item; "
                + "another body under a used externalReference is 409 duplicate-external-reference). A body that is not a batch "
                + "(not JSON, not an array, 0 or more than 500 items) is refused as a whole. The body may be up to 8 MiB.")
            .AcceptsIdempotencyKey()
            .ProducesProblems(400, 403, 409, 413, 415, 422);
        group.MapGet("/export", ExportReferrals.Handle).WithName("ExportReferrals")
            .WithSummary("Every referral of the caller's box changed in a period, streamed as NDJSON or CSV; the answer says where the next export resumes.")
            .WithDescription("`Accept: application/x-ndjson` (the default): one referral per line in the shape of GET /v1/referrals/{id}, "
                + "under the same disclosure rules, then a trailer line `{\"nextUpdatedAfter\": ..., \"count\": N}`; a body without the "
                + "trailer was cut short. `Accept: text/csv`: RFC 4180, UTF-8, a header row, the documented columns; with "
                + "`Accept-Language: id` the Indonesian labels of the coded columns follow. Both carry `Export-Next-Updated-After` "
                + "before the body: pass it as updatedAfter next time. Referrals come oldest change first, changed after updatedAfter "
                + "(exclusive) and at or before updatedBefore (inclusive), and never later than a minute ago (Referrals:Export:SettleTime), "
                + "so a change still being committed is left to the next export rather than missed; each referral appears once, in its "
                + "state when the export began. Every exported referral is recorded in the access log (action export).")
            .Produces(StatusCodes.Status200OK, contentType: ExportReferrals.NdjsonMediaType)
            .ProducesProblems(400, 403);
        group.MapGet("/", ListReferrals.Handle).WithName("ListReferrals")
            .WithSummary("The caller's inbox, outbox or both, newest activity first.")
            .ProducesProblems(400, 403);
        group.MapGet("/{id:guid}", ReadReferral.Get).WithName("GetReferral").SendsEntityTag()
            .WithSummary("One referral, as this party may see it.")
            .ProducesProblems(403, 404);
        group.MapPost("/{id:guid}/acknowledgement", MoveReferral.Acknowledge).WithName("AcknowledgeReferral").SendsEntityTag()
            .WithSummary("The receiver acknowledges receipt, accepts or declines.")
            .AcceptsIdempotencyKey().AcceptsIfMatch()
            .ProducesProblems(400, 403, 404, 409, 412, 413, 415, 422);
        group.MapPost("/{id:guid}/status", MoveReferral.ChangeStatus).WithName("ChangeReferralStatus").SendsEntityTag()
            .WithSummary("Move an accepted referral on: in_progress, on_hold, completed, failed; or cancel it (sender).")
            .AcceptsIdempotencyKey().AcceptsIfMatch()
            .ProducesProblems(400, 403, 404, 409, 412, 413, 415, 422);
        group.MapGet("/{id:guid}/status", ReadReferral.Status).WithName("GetReferralStatus").SendsEntityTag()
            .WithSummary("The referral's status and its history, oldest first.")
            .ProducesProblems(403, 404);
        group.MapPost("/{id:guid}/notes", ManageNotes.Add).WithName("AddReferralNote")
            .WithSummary("Send a note to the other party.")
            .AcceptsIdempotencyKey()
            .ProducesProblems(400, 403, 404, 413, 415);
        group.MapGet("/{id:guid}/notes", ManageNotes.List).WithName("ListReferralNotes")
            .WithSummary("Notes between the two parties, oldest first.")
            .ProducesProblems(400, 403, 404);
        group.MapPost("/{id:guid}/consent-withdrawal", WithdrawConsent.Handle).WithName("WithdrawConsent")
            .WithSummary("The sender of an open consent-based referral records that the subject withdrew consent: the open consent-based referrals of the case this agency sent are cancelled.")
            .WithDescription("Each receiver gets consent.withdrawn. Referrals others sent are never cancelled from outside: the parties of an "
                + "onward referral sent on consent from a cancelled one get consent.withdrawn_upstream (ids only, its sender as actor), and its sender decides. "
                + "A finished named referral is 409 referral-not-open; one not shared on consent is 422 not-consent-based.")
            .AcceptsIdempotencyKey()
            .ProducesProblems(400, 403, 404, 409, 413, 415, 422);
        return app;
    }
}
