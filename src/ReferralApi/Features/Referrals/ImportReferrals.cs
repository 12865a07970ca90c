using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Idempotency;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Referrals;

/// <summary>
/// <c>POST /v1/referrals/batch</c>: up to <see cref="MaxItems"/> creates, NDJSON or a JSON array,
/// each judged on its own (<see cref="ReferralBatch"/>). The batch's <c>Idempotency-Key</c> keeps two
/// sends of one batch from running at once and a key from being reused for another body; a replay
/// runs the batch again, which creates nothing twice because every item carries its externalReference:
/// items created then answer <c>replayed</c>, items refused then are judged again, as a single create
/// whose first attempt failed would be.
/// </summary>
internal static class ImportReferrals
{
    public const int MaxItems = 500;

    /// <summary>500 creates of a few kilobytes each, with room for long reasons.</summary>
    public const long MaxBodyBytes = 8 * 1024 * 1024;

    public static async Task<Ok<ReferralBatchResponse>> Handle(
        HttpContext http, ClaimsPrincipal user, IdempotencyKeys idempotency, UnitOfWork unit, ReferralBatch batch,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var items = await ReferralBatchReader.ReadAsync(http.Request, json.Value.SerializerOptions, MaxItems, ct);
        await using var claim = await idempotency.ClaimAsync(http, caller, items.Select(item => item.Sent).ToList(), ct);
        var results = await batch.RunAsync(http, caller, items, ct);
        if (claim.OwnsKey)
        {
            await unit.InTransactionAsync(async token =>
            {
                await claim.CompleteAsync(new IdempotentOutcome(StatusCodes.Status200OK, Guid.CreateVersion7()), token);
                return true;
            }, ct);
        }

        return TypedResults.Ok(new ReferralBatchResponse(results));
    }
}
