using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ReferralApi.Features.AccessLog;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Http;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Referrals;

/// <summary>
/// <c>GET /v1/referrals/export</c>: every referral of the caller's box changed in a period, as NDJSON
/// (the single-read shape, under the same disclosure rules) or CSV, streamed. Rows are read one
/// statement long, a batch at a time is recorded in the access log (one group commit) and only then
/// written and flushed, so memory does not grow with the export and nothing leaves unrecorded.
/// </summary>
internal static class ExportReferrals
{
    public const string NdjsonMediaType = "application/x-ndjson";
    public const string CsvMediaType = "text/csv";

    /// <summary>Sent before the body in both formats: the <c>updatedAfter</c> of the next export.</summary>
    public const string ResumeHeader = "Export-Next-Updated-After";

    public static async Task Handle(
        HttpContext http, ClaimsPrincipal user, ReferralStore referrals, AccessRecorder recorder, IOptions<JsonOptions> json,
        IOptions<ReferralExportOptions> options, TimeProvider clock,
        string? box, string? status, string? updatedAfter, string? updatedBefore, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var filter = ListReferrals.ParseFilter(errors, box, status, null, null, updatedAfter);
        var before = ListReferrals.ParseInstant(errors, "updatedBefore", updatedBefore);
        errors.ThrowIfAny();

        var agency = Caller.From(user).Agency;
        var now = clock.Now();
        var settled = now - options.Value.SettleTime;
        var upTo = before is { } given && given < settled ? given : settled;
        var next = filter.UpdatedAfter is { } after && after > upTo ? after : upTo;

        var mediaType = MediaTypeChoice.Preferred(http.Request, NdjsonMediaType, CsvMediaType);
        http.Response.ContentType = mediaType == CsvMediaType ? "text/csv; charset=utf-8" : NdjsonMediaType;
        http.Response.Headers[ResumeHeader] = next.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);
        await using ReferralExportWriter writer = mediaType == CsvMediaType
            ? new CsvExportWriter(http.Response, http.PreferredLanguage() == Language.Indonesian)
            : new NdjsonExportWriter(http.Response, json.Value.SerializerOptions);

        var batch = new List<ReferralRow>(options.Value.RowsPerBatch);
        var count = 0;
        await foreach (var row in referrals.ExportAsync(agency, filter, upTo, ct))
        {
            batch.Add(row);
            if (batch.Count == options.Value.RowsPerBatch)
            {
                count += await WriteAsync(http, recorder, writer, batch, agency, now, ct);
            }
        }

        count += await WriteAsync(http, recorder, writer, batch, agency, now, ct);
        await writer.CompleteAsync(next, count, ct);
    }

    /// <summary>Records the batch in the access log, then writes and flushes it; returns how many it wrote.</summary>
    private static async Task<int> WriteAsync(
        HttpContext http, AccessRecorder recorder, ReferralExportWriter writer, List<ReferralRow> batch, Guid agency, DateTimeOffset now, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        await recorder.RecordReadAsync(http, AccessActions.Export, [.. batch.Select(r => r.Id)], ct);
        foreach (var row in batch)
        {
            writer.Write(ReferralView.For(row, agency, now));
        }

        await writer.FlushAsync(ct);
        var written = batch.Count;
        batch.Clear();
        return written;
    }
}
