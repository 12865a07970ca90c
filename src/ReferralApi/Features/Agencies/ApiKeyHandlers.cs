using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
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
internal static class ApiKeyHandlers
{
    /// <summary>
    /// The secret exists only in this answer. A replay of the same Idempotency-Key answers with the
    /// key's id and prefix but <c>key: null</c>, since the secret was never stored.
    /// </summary>
    public static async Task<Created<ApiKeyCreatedResponse>> Create(
        Guid agencyId, CreateApiKeyRequest? request, HttpContext http, ClaimsPrincipal user, AgencyStore agencies, ApiKeyStore keys,
        IdempotencyKeys idempotency, IOptions<ApiKeyOptions> options, TimeProvider clock, CancellationToken ct)
    {
        await RequireManagerAsync(agencyId, user, agencies, ct);
        var now = clock.Now();
        var (expiresAt, permissions) = Validate(request, options.Value, now);
        var caller = Caller.From(user);
        var (secret, prefix, hash) = ApiKeySecret.Generate();
        var (outcome, replayed) = await idempotency.RunAsync(http, caller, request, async (connection, transaction, token) =>
        {
            if (await ApiKeyStore.CountActiveAsync(connection, transaction, agencyId, now, token) >= options.Value.MaxActivePerAgency)
            {
                throw new ApiProblem(ProblemCodes.LimitReached, new LocalizedText(Messages.ActiveKeyLimit, options.Value.MaxActivePerAgency));
            }

            var key = new NewApiKey(Guid.CreateVersion7(), agencyId, prefix, hash, now, expiresAt, permissions, caller.KeyId);
            await ApiKeyStore.InsertAsync(connection, transaction, key, token);
            return new IdempotentOutcome(StatusCodes.Status201Created, key.Id);
        }, ct);

        var created = await keys.FindAsync(agencyId, outcome.ResourceId, ct) ?? throw ApiProblem.NotFound();
        return TypedResults.Created(
            $"/v1/agencies/{agencyId}/api-keys/{created.Id}",
            new ApiKeyCreatedResponse(created.Id, replayed ? null : secret, created.Prefix, created.CreatedAt, created.ExpiresAt, created.Permissions, created.CreatedByKeyId));
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

    private static (DateTimeOffset ExpiresAt, IReadOnlyList<string> Permissions) Validate(CreateApiKeyRequest? request, ApiKeyOptions options, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var latest = now + options.MaxLifetime;
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
        var expiresAt = request?.ExpiresAt is { } at ? Instant.Normalize(at) : now + options.DefaultLifetime;
        return (expiresAt, [.. permissions.Distinct(StringComparer.Ordinal)]);
    }

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
