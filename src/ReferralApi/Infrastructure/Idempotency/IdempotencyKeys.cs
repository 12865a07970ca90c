using System.Data.Common;
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
/// The contract's <c>Idempotency-Key</c> rules. A request first claims its key in a short
/// transaction of its own (so a concurrent duplicate sees "in use" instead of waiting), then the
/// effect's transaction marks the claim completed together with the change it made. A request
/// that fails releases its claim so the client may retry with the same key.
/// </summary>
internal sealed class IdempotencyKeys(Db db, IdempotencyStore store, IOptions<IdempotencyOptions> options, TimeProvider clock)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>Null when the request carries no key; otherwise a claim, or a replay of a finished request.</summary>
    public async Task<IdempotencyClaim?> ClaimAsync(HttpContext http, Caller caller, object? request, CancellationToken ct)
    {
        if (!http.Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return null;
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
                return new IdempotencyClaim(caller.IdempotencyScope, key, hash, now, null);
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
            return new IdempotencyClaim(caller.IdempotencyScope, key, hash, existing.CreatedAt, new IdempotentOutcome(existing.ResponseStatus!.Value, existing.ResourceId!.Value));
        }

        throw InUse();
    }

    /// <summary>
    /// Runs <paramref name="effect"/> in one transaction under the request's key (if any): a repeat
    /// of a finished request returns the first outcome without running the effect again.
    /// </summary>
    public Task<(IdempotentOutcome Outcome, bool Replayed)> RunAsync(
        HttpContext http,
        Caller caller,
        object? request,
        Func<DbConnection, DbTransaction, CancellationToken, Task<IdempotentOutcome>> effect,
        CancellationToken ct) =>
        RunAsync(http, caller, request, static () => { }, effect, ct);

    /// <summary>
    /// As above, with <paramref name="rules"/> checked only once the key is claimed: a repeat of a
    /// finished request gets its first answer even when a rule that reads the clock would now refuse
    /// the same body, and a refused request frees its key like any other failure.
    /// </summary>
    public async Task<(IdempotentOutcome Outcome, bool Replayed)> RunAsync(
        HttpContext http,
        Caller caller,
        object? request,
        Action rules,
        Func<DbConnection, DbTransaction, CancellationToken, Task<IdempotentOutcome>> effect,
        CancellationToken ct)
    {
        var claim = await ClaimAsync(http, caller, request, ct);
        if (claim?.Replay is { } replay)
        {
            return (replay, true);
        }

        try
        {
            rules();
            var outcome = await db.InTransactionAsync(async (connection, transaction, token) =>
            {
                var result = await effect(connection, transaction, token);

                // A request that stalled past AbandonedAfter may have lost its claim to a retry; its
                // effect must then roll back, or the key would end up with two effects.
                if (claim is not null && !await IdempotencyStore.CompleteAsync(connection, transaction, claim, result, token))
                {
                    throw InUse();
                }

                return result;
            }, ct);
            return (outcome, false);
        }
        catch
        {
            if (claim is not null)
            {
                await store.ReleaseAsync(claim, CancellationToken.None);
            }

            throw;
        }
    }

    /// <summary>
    /// The key as stored: its SHA-256 in lowercase hex. Keys are compared exactly, but SQL Server's
    /// usual collation is case-insensitive and would make "Abc" and "abc" one key; a digest compares
    /// the same on every engine.
    /// </summary>
    private static string Stored(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(key)));

    private static ApiProblem InUse() =>
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
