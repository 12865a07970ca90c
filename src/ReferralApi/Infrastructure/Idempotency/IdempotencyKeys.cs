using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Security;
using ReferralApi.Infrastructure.Telemetry;

namespace ReferralApi.Infrastructure.Idempotency;

/// <summary>
/// The contract's <c>Idempotency-Key</c> rules. A write reads top to bottom: claim the key (or find
/// the finished request to replay), validate, run the effect in one transaction that also completes
/// the claim, answer. The claim commits at once, before the effect's transaction, so a concurrent
/// duplicate sees "in use" instead of waiting; a request that fails frees its key when its claim
/// is disposed, so the client may retry with the same key.
/// </summary>
internal sealed class IdempotencyKeys(UnitOfWork unit, IdempotencyStore store, IdempotencyCompletion completion, IOptions<IdempotencyOptions> options, TimeProvider clock)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>The request's claim on its key: owned, a replay of a finished request, or none when it carries no key.</summary>
    public async Task<IdempotencyClaim> ClaimAsync(HttpContext http, Caller caller, object? request, CancellationToken ct)
    {
        if (!http.Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return IdempotencyClaim.None;
        }

        var given = values.ToString();
        if (given.Length is < 1 or > 255 || given.Any(c => c is < '!' or > '~'))
        {
            throw ApiProblem.Validation(HeaderName, Messages.IdempotencyKey);
        }

        var key = Stored(given);
        var hash = Fingerprint(http, request);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = clock.Now();
            if (await store.TryInsertPendingAsync(caller.IdempotencyScope, key, hash, now, now + options.Value.Retention, ct))
            {
                return IdempotencyClaim.Owned(new ClaimedKey(caller.IdempotencyScope, key, hash, now), store, unit, completion);
            }

            var existing = await store.FindAsync(caller.IdempotencyScope, key, ct);
            if (existing is null)
            {
                continue; // released between our insert and read: try to claim again
            }

            var stale = existing.ExpiresAt < now || (existing.State == "pending" && now - existing.CreatedAt > options.Value.AbandonedAfter);
            if (stale)
            {
                await store.RemoveStaleAsync(caller.IdempotencyScope, key, existing.CreatedAt, existing.State, ct);
                continue;
            }

            if (!string.Equals(existing.RequestHash, hash, StringComparison.Ordinal))
            {
                throw new ApiProblem(ProblemCodes.IdempotencyKeyReused);
            }

            if (existing.State == "pending")
            {
                break;
            }

            http.Response.Headers[ReplayedHeader] = "true";
            http.RequestServices.GetService<ReferralMetrics>()?.IdempotentReplay();
            return IdempotencyClaim.Replaying(new IdempotentOutcome(existing.ResponseStatus!.Value, existing.ResourceId!.Value));
        }

        throw InUse();
    }

    /// <summary>
    /// The key as stored: its SHA-256 in lowercase hex. Keys are compared exactly, but SQL Server's
    /// usual collation is case-insensitive and would make "Abc" and "abc" one key; a digest compares
    /// the same on every engine.
    /// </summary>
    private static string Stored(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(key)));

    public static ApiProblem InUse() =>
        new(ProblemCodes.IdempotencyKeyInUse, new LocalizedText(Messages.RetryLater, 1)) { RetryAfter = TimeSpan.FromSeconds(1) };

    /// <summary>Method, path and the request as parsed, so whitespace and field order do not matter.</summary>
    private static string Fingerprint(HttpContext http, object? request)
    {
        var text = $"{http.Request.Method} {http.Request.Path.Value?.ToLowerInvariant()}\n";
        var body = request is null ? [] : JsonSerializer.SerializeToUtf8Bytes(request, request.GetType(), JsonSetupOptions.Value);
        return Convert.ToHexStringLower(SHA256.HashData([.. Encoding.UTF8.GetBytes(text), .. body]));
    }

    private static class JsonSetupOptions
    {
        public static readonly JsonSerializerOptions Value = Create();

        private static JsonSerializerOptions Create()
        {
            var options = new JsonSerializerOptions();
            JsonSetup.Configure(options);
            return options;
        }
    }
}
