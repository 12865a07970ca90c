using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Idempotency;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Paging;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Agencies;

/// <summary>Keys are managed by the admin, or by the agency itself to rotate its own.</summary>
internal static class ApiKeyHandlers
{
    /// <summary>
    /// The secret exists only in this answer. A replay of the same Idempotency-Key answers with the
    /// key's id and prefix but <c>key: null</c>, since the secret was never stored.
    /// </summary>
    public static async Task<Created<ApiKeyCreatedResponse>> Create(
        Guid agencyId, HttpContext http, ClaimsPrincipal user, AgencyStore agencies, ApiKeyStore keys,
        IdempotencyKeys idempotency, TimeProvider clock, CancellationToken ct)
    {
        await RequireManagerAsync(agencyId, user, agencies, ct);
        var (secret, prefix, hash) = ApiKeySecret.Generate();
        var (outcome, replayed) = await idempotency.RunAsync(http, Caller.From(user), null, async (connection, transaction, token) =>
        {
            var id = Guid.CreateVersion7();
            await ApiKeyStore.InsertAsync(connection, transaction, id, agencyId, prefix, hash, clock.Now(), null, token);
            return new IdempotentOutcome(StatusCodes.Status201Created, id);
        }, ct);

        var created = await keys.FindAsync(agencyId, outcome.ResourceId, ct) ?? throw ApiProblem.NotFound();
        return TypedResults.Created(
            $"/v1/agencies/{agencyId}/api-keys/{created.Id}",
            new ApiKeyCreatedResponse(created.Id, replayed ? null : secret, created.Prefix, created.CreatedAt, created.ExpiresAt));
    }

    /// <summary>
    /// In the contract's list shape like every other list; an agency holds a handful of keys, so the
    /// first page is the whole list and <c>nextCursor</c> is always null.
    /// </summary>
    public static async Task<Ok<Page<ApiKeyResponse>>> List(Guid agencyId, ClaimsPrincipal user, AgencyStore agencies, ApiKeyStore keys, CancellationToken ct)
    {
        await RequireManagerAsync(agencyId, user, agencies, ct);
        return TypedResults.Ok(new Page<ApiKeyResponse>(await keys.ListAsync(agencyId, ct), null));
    }

    public static async Task<NoContent> Revoke(Guid agencyId, Guid keyId, ClaimsPrincipal user, AgencyStore agencies, ApiKeyStore keys, TimeProvider clock, CancellationToken ct)
    {
        await RequireManagerAsync(agencyId, user, agencies, ct);
        if (!await keys.RevokeAsync(agencyId, keyId, clock.Now(), ct))
        {
            throw ApiProblem.NotFound();
        }

        return TypedResults.NoContent();
    }

    private static async Task RequireManagerAsync(Guid agencyId, ClaimsPrincipal user, AgencyStore agencies, CancellationToken ct)
    {
        var caller = Caller.From(user);
        if (!caller.IsAdmin && caller.AgencyId != agencyId)
        {
            throw new ApiProblem(ProblemCodes.Forbidden);
        }

        _ = await agencies.FindAsync(agencyId, ct) ?? throw ApiProblem.NotFound();
    }
}
