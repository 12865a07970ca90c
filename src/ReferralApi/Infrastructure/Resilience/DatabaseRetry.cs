using System.Data.Common;
using Polly;
using Polly.Retry;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Infrastructure.Resilience;

/// <summary>
/// The <c>database</c> pipeline: a few quick retries with jitter, for transient errors only
/// (deadlock victim, busy file, dropped connection). Each retry re-runs a whole unit of work.
/// </summary>
internal static class DatabaseRetry
{
    public const string Name = "database";

    public static ResiliencePipeline Create(SqlDialect dialect) => new ResiliencePipelineBuilder
    {
        Name = Name,
    }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<DbException>(dialect.IsTransient),
            MaxRetryAttempts = 4,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(50),
        })
        .Build();
}
