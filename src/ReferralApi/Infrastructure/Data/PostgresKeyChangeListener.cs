using Npgsql;
using Polly;
using Polly.Retry;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// Keeps <see cref="ApiKeyCache"/> honest on PostgreSQL: <c>LISTEN</c>s on the channel that migration
/// 0015's triggers notify whenever a key or an agency changes, and clears the cache at each
/// notification. The cache answers only while this connection is up: it goes live once the
/// <c>LISTEN</c> has run (empty, since changes may have been missed before) and dark the moment the
/// connection fails, until a new one listens again. A ping every few seconds finds a connection
/// that died quietly. Its own connection, outside the pool, since a pooled one is reset on return
/// and multiplexed ones carry no session.
/// </summary>
internal sealed partial class PostgresKeyChangeListener(string connectionString, ApiKeyCache cache, ILogger<PostgresKeyChangeListener> logger)
    : BackgroundService
{
    public const string Channel = "api_key_changes";

    /// <summary>Shown in <c>pg_stat_activity</c>, so an operator can tell this session from the serving ones.</summary>
    public const string ApplicationName = "referralapi-key-changes";

    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(5);

    private static readonly string[] Triggers = ["api_keys_changed", "agencies_changed"];

    private static readonly string CountTriggers =
        $"SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgname IN ('{string.Join("', '", Triggers)}') AND tgenabled <> 'D'";

    /// <summary>Reconnects for as long as the API runs; the cache stays dark meanwhile.</summary>
    private readonly ResiliencePipeline reconnect = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
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
    public static string ConnectionString(string serving) => new NpgsqlConnectionStringBuilder(serving)
    {
        Pooling = false,
        Multiplexing = false,
        ApplicationName = ApplicationName,
    }.ConnectionString;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await reconnect.ExecuteAsync(ListenAsync, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            cache.GoDark();
        }
    }

    private async ValueTask ListenAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            connection.Notification += (_, _) => cache.Invalidate();
            await connection.OpenAsync(ct);
            await using (var listen = new NpgsqlCommand($"LISTEN {Channel}; {CountTriggers}", connection))
            {
                // Without the triggers nothing would ever notify: the cache stays dark until they exist.
                if (Convert.ToInt32(await listen.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) != Triggers.Length)
                {
                    throw new InvalidOperationException("The key change triggers of migration 0015 are missing.");
                }
            }

            cache.GoLive();
            Listening(logger);
            await using var ping = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = (int)PingInterval.TotalSeconds };
            while (true)
            {
                if (!await connection.WaitAsync(PingInterval, ct))
                {
                    await ping.ExecuteNonQueryAsync(ct);
                }
            }
        }
        finally
        {
            cache.GoDark();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for key changes: key rows are cached")]
    private static partial void Listening(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not listening for key changes ({ExceptionType}): every key is looked up until the listener reconnects, in {Delay}")]
    private static partial void Lost(ILogger logger, string exceptionType, TimeSpan delay);
}
