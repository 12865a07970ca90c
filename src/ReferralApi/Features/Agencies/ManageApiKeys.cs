using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Idempotency;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Paging;
using ReferralApi.Infrastructure.Security;
using ReferralApi.Infrastructure.Validation;

namespace ReferralApi.Features.Agencies;

/// <summary>
/// Keys are managed by the admin, or by a key of the agency itself that holds the <c>keys</c>
/// permission. Every key expires; an agency holds a bounded number of active keys.
/// </summary>
internal static class ManageApiKeys
{
    /// <summary>
    /// The secret exists only in this answer. A replay of the same Idempotency-Key answers with the
    /// key's id and prefix but <c>key: null</c>, since the secret was never stored.
    /// </summary>
    public static async Task<Created<ApiKeyCreatedResponse>> Create(
        Guid agencyId, CreateApiKeyRequest? request, HttpContext http, ClaimsPrincipal user, AgencyStore agencies, ApiKeyStore keys,
        IdempotencyKeys idempotency, UnitOfWork unit, AgencyWriteLock writeLock, IOptions<ApiKeyOptions> options, TimeProvider clock, CancellationToken ct)
    {
        await RequireManagerAsync(agencyId, user, agencies, ct);
        var caller = Caller.From(user);
        var now = clock.Now();
        var (expiresAt, permissions) = Validate(request, options.Value, now, await keys.CreatorExpiryAsync(caller.KeyId, ct));
        await using var claim = await idempotency.ClaimAsync(http, caller, request, ct);
        if (claim.Replay is { } replay)
        {
            // The secret was never stored, so a replay answers without it.
            var first = await keys.FindAsync(agencyId, replay.ResourceId, ct) ?? throw ApiProblem.NotFound();
            return Answer(agencyId, first, null);
        }

        var (secret, prefix, hash) = ApiKeySecret.Generate();
        var created = await unit.InTransactionAsync(async token =>
        {
            await writeLock.TakeAsync(agencyId, token);
            if (await keys.CreatorExpiryAsync(caller.KeyId, token) is { } creatorExpiry && creatorExpiry <= now)
            {
                // The creating key was revoked since it authenticated: what it would mint is revoked with it.
                throw new ApiProblem(ProblemCodes.Forbidden);
            }

            if (await keys.CountActiveAsync(agencyId, now, token) >= options.Value.MaxActivePerAgency)
            {
                throw new ApiProblem(ProblemCodes.LimitReached, new LocalizedText(Messages.ActiveKeyLimit, options.Value.MaxActivePerAgency));
            }

            var key = new NewApiKey(Guid.CreateVersion7(), agencyId, prefix, hash, now, expiresAt, permissions, caller.KeyId);
            await keys.InsertAsync(key, token);
            await claim.CompleteAsync(new IdempotentOutcome(StatusCodes.Status201Created, key.Id), token);
            return new ApiKeyResponse(key.Id, key.Prefix, key.CreatedAt, key.ExpiresAt, null, null, key.Permissions, key.CreatedByKeyId);
        }, ct);

        return Answer(agencyId, created, secret);
    }

    private static Created<ApiKeyCreatedResponse> Answer(Guid agencyId, ApiKeyResponse key, string? secret) =>
        TypedResults.Created(
            $"/v1/agencies/{agencyId}/api-keys/{key.Id}",
            new ApiKeyCreatedResponse(key.Id, secret, key.Prefix, key.CreatedAt, key.ExpiresAt, key.Permissions, key.CreatedByKeyId));

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
        // A key retiring itself after issuing its successor is a rotation, not a leak: what it issued
        // stays. Revoked by anyone else (again, if need be), it takes what it issued with it.
        var withIssued = Caller.From(user).KeyId != keyId;
        if (!await keys.RevokeAsync(agencyId, keyId, withIssued, clock.Now(), ct))
        {
            throw ApiProblem.NotFound();
        }

        return TypedResults.NoContent();
    }

    /// <summary>A key never outlives the key that creates it (<paramref name="creatorExpiry"/>, null for the admin).</summary>
    private static (DateTimeOffset ExpiresAt, IReadOnlyList<string> Permissions) Validate(
        CreateApiKeyRequest? request, ApiKeyOptions options, DateTimeOffset now, DateTimeOffset? creatorExpiry)
    {
        var errors = new ValidationErrors();
        var latest = creatorExpiry is { } cap && cap < now + options.MaxLifetime ? cap : now + options.MaxLifetime;
        if (request?.ExpiresAt is { } requested && (requested <= now || requested > latest))
        {
            errors.Add("$.expiresAt", Messages.KeyExpiry, latest.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        var permissions = request?.Permissions ?? [];
        for (var i = 0; i < permissions.Count; i++)
        {
            if (!KeyPermissions.All.Contains(permissions[i]))
            {
                errors.Add($"$.permissions[{i}]", Messages.UnknownCode, string.Join(", ", KeyPermissions.All));
            }
        }

        errors.ThrowIfAny();
        var expiresAt = request?.ExpiresAt is { } at ? Instant.Normalize(at) : Earliest(now + options.DefaultLifetime, latest);
        return (expiresAt, [.. permissions.Distinct(StringComparer.Ordinal)]);
    }

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>The admin, or a key of this agency holding the <c>keys</c> permission; any other key of the agency is 403.</summary>
    private static async Task RequireManagerAsync(Guid agencyId, ClaimsPrincipal user, AgencyStore agencies, CancellationToken ct)
    {
        var caller = Caller.From(user);
        if (!caller.IsAdmin && (caller.AgencyId != agencyId || !Caller.HasPermission(user, KeyPermissions.Keys)))
        {
            throw new ApiProblem(ProblemCodes.Forbidden);
        }

        _ = await agencies.FindAsync(agencyId, ct) ?? throw ApiProblem.NotFound();
    }
}
