using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.Retry;
using ReferralApi.Features.Agencies;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// Keeps <see cref="ApiKeyCache"/> honest on PostgreSQL: <c>LISTEN</c>s on the channel that migration
/// 0015's triggers notify whenever a key or an agency changes, and clears the cache at each
/// notification. Every second it asks, on the same connection, whether this session still listens
/// and the triggers are still there and enabled; PostgreSQL sends a session its pending
/// notifications before the answer, so each answer proves every change committed before it has
/// arrived, and renews the cache's lease (<see cref="Lease"/>). The cache goes live empty (changes
/// may have been missed before), and dark when the connection fails, a check fails, or the answers
/// stop coming, until a new connection listens again. Its own connection, outside the pool: a
/// pooled one is reset on return, and multiplexed ones carry no session.
/// </summary>
internal sealed partial class PostgresKeyChangeListener(
    PostgresKeyChangeListener.Session session,
    ApiKeyCache cache,
    IOptions<ApiKeyOptions> options,
    ILogger<PostgresKeyChangeListener> logger) : BackgroundService
{
    public const string Channel = "api_key_changes";

    /// <summary>Shown in <c>pg_stat_activity</c>, so an operator can tell this session from the serving ones.</summary>
    public const string ApplicationName = "referralapi-key-changes";

    /// <summary>How long one answered check lets the cache answer: three checks, so one slow answer does not darken it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Still this session (no pooler has handed the statement to another), still listening, and both
    /// triggers present and firing for ordinary sessions ('O' origin, 'A' always).
    /// </summary>
    private const string StillListening = $"""
        SELECT pg_backend_pid() = @Pid
           AND '{Channel}' = ANY (ARRAY(SELECT pg_listening_channels()))
           AND (SELECT count(*) FROM pg_trigger
                WHERE tgrelid IN ('api_keys'::regclass, 'agencies'::regclass)
                  AND tgname IN ('api_keys_changed', 'agencies_changed') AND tgenabled IN ('O', 'A')) = 2
        """;

    /// <summary>Reconnects for as long as the API runs; the cache stays dark meanwhile.</summary>
    private readonly ResiliencePipeline reconnect = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(5),
            OnRetry = args =>
            {
                Lost(logger, args.Outcome.Exception?.GetType().Name ?? "none", args.RetryDelay);
                return default;
            },
        })
        .Build();

    /// <summary>The serving connection string made into one for a single long-lived session.</summary>
    public static Session SessionFor(string serving) => new(new NpgsqlConnectionStringBuilder(serving)
    {
        Pooling = false,
        Multiplexing = false,
        ApplicationName = ApplicationName,
    }.ConnectionString);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.CacheLifetime <= TimeSpan.Zero)
        {
            return; // no cache, nothing to keep honest
        }

        // Each attempt darkens the cache as it ends (ListenAsync), so nothing is left to do here.
        try
        {
            await reconnect.ExecuteAsync(ListenAsync, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async ValueTask ListenAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(session.ConnectionString);
            connection.Notification += (_, _) => cache.Invalidate();
            await connection.OpenAsync(ct);
            await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
            {
                await listen.ExecuteNonQueryAsync(ct);
            }

            await using var check = new NpgsqlCommand(StillListening, connection) { CommandTimeout = (int)Lease.TotalSeconds };
            check.Parameters.AddWithValue("Pid", connection.ProcessID);
            await CheckAsync(check, ct);
            cache.GoLive(Lease);
            Listening(logger);
            var sinceCheck = Stopwatch.StartNew();
            while (true)
            {
                // Notifications arrive while waiting (the handler clears the cache); the check runs on
                // time whatever arrives. Npgsql takes the timeout in whole milliseconds, and 0 means no
                // timeout at all: less than one left means it is time to check.
                var remaining = (int)(CheckInterval - sinceCheck.Elapsed).TotalMilliseconds;
                if (remaining > 0)
                {
                    await connection.WaitAsync(remaining, ct);
                    continue;
                }

                await CheckAsync(check, ct);
                cache.Renew(Lease);
                sinceCheck.Restart();
            }
        }
        finally
        {
            cache.GoDark();
        }
    }

    private static async Task CheckAsync(NpgsqlCommand check, CancellationToken ct)
    {
        if (await check.ExecuteScalarAsync(ct) is not true)
        {
            throw new InvalidOperationException("The session no longer listens, or the key change triggers of migration 0015 are missing or disabled.");
        }
    }

    /// <summary>The connection string of the listening session.</summary>
    public sealed record Session(string ConnectionString);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for key changes: key rows are cached")]
    private static partial void Listening(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not listening for key changes ({ExceptionType}): every key is looked up until the listener reconnects, in {Delay}")]
    private static partial void Lost(ILogger logger, string exceptionType, TimeSpan delay);
}
