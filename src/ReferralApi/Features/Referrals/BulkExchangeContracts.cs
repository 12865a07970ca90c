using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace ReferralApi.Features.Referrals;

/// <summary>The answer of <c>POST /v1/referrals/batch</c>: one result per item, in the items' order.</summary>
public sealed record ReferralBatchResponse(IReadOnlyList<ReferralBatchResult> Results);

/// <summary>
/// One item's outcome: <c>201</c> with the referral's <c>id</c> (and <c>replayed: true</c> when it was
/// sent earlier with the same externalReference and body), or the 4xx problem a single create would
/// have answered, its field errors keyed by JSON path inside the item (<c>$.subject.sex</c>).
/// </summary>
public sealed record ReferralBatchResult(
    int Index,
    int Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Replayed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ProblemDetails? Problem);

/// <summary>The last line of an NDJSON export: where the next export resumes (<c>updatedAfter</c>) and how many referrals this one held.</summary>
public sealed record ReferralExportTrailer(DateTimeOffset NextUpdatedAfter, int Count);
