using System.Data.Common;
using System.Net;
using Dapper;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;
using static ReferralApi.IntegrationTests.Reliability.Reliable;

namespace ReferralApi.IntegrationTests.Reliability;

/// <summary>
/// A request whose effect stalls past the abandonment age may have its claim taken over by a
/// retry. Locks held from a test connection stage the two interleavings step by step; in both,
/// exactly one effect may be written and the key must end with that effect's answer.
/// </summary>
public abstract class ClaimTakeoverTests<TEngine>(ClockedApiFixture<TEngine> fx) : IClassFixture<ClockedApiFixture<TEngine>>
    where TEngine : IEngine
{
    private const int PollAttempts = 1200;

    [Fact]
    public async Task StalledRequest_RollsBack_WhenItsClaimWasTakenOver()
    {
        var (sender, body, key) = await ArrangeAsync();
        using var _ = sender;
        Task<HttpResponseMessage> stalled, takeover;
        await using (var referrals = await LockAsync(Sql.LockReferrals, sender.Id))
        {
            stalled = sender.Client.PostJsonAsync("/v1/referrals", body, Key(key));
            var firstClaim = await WaitForClaimAsync(sender.Id, previous: null);
            fx.Clock.Advance(TimeSpan.FromMinutes(10));
            takeover = sender.Client.PostJsonAsync("/v1/referrals", body, Key(key));
            await WaitForClaimAsync(sender.Id, previous: firstClaim);
        }

        using var late = await stalled;
        using var retried = await takeover;
        await AssertNoServerErrorsAsync([late, retried]);
        await late.ExpectProblemAsync(HttpStatusCode.Conflict, "idempotency-key-in-use");
        var created = await retried.ExpectAsync(HttpStatusCode.Created);
        Assert.False(retried.IsReplayed());
        await AssertOneReferralAnsweredAsync(sender, body, key, Scenario.IdOf(created));
    }

    [Fact]
    public async Task TakeoverAttempt_ReplaysStalledRequest_WhenItCompletesFirst()
    {
        var (sender, body, key) = await ArrangeAsync();
        using var _ = sender;
        Task<HttpResponseMessage> stalled, takeover;
        await using (var claimRow = await LockAsync(Sql.LockClaimRow, sender.Id, afterClaimOf: () => sender.Client.PostJsonAsync("/v1/referrals", body, Key(key))))
        {
            stalled = claimRow.Started!;

            // The stalled request now waits to mark its claim completed; the retry then queues behind it to delete the claim as abandoned.
            await WaitForWaitersAsync(1);
            fx.Clock.Advance(TimeSpan.FromMinutes(10));
            takeover = sender.Client.PostJsonAsync("/v1/referrals", body, Key(key));
            await WaitForWaitersAsync(2);
        }

        using var first = await stalled;
        using var retried = await takeover;
        await AssertNoServerErrorsAsync([first, retried]);
        var created = await first.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(Scenario.IdOf(created), Scenario.IdOf(await retried.ExpectAsync(HttpStatusCode.Created)));
        Assert.True(retried.IsReplayed());
        await AssertOneReferralAnsweredAsync(sender, body, key, Scenario.IdOf(created));
    }

    private SqlForEngine Sql => fx.Provider switch
    {
        "postgres" => new(
            "LOCK TABLE referrals IN EXCLUSIVE MODE",
            "SELECT state FROM idempotency_keys WHERE scope_id = @Scope FOR UPDATE",
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%idempotency_keys%'"),
        "sqlserver" => new(
            "SELECT COUNT(*) FROM referrals WITH (TABLOCKX, HOLDLOCK)",
            "SELECT state FROM idempotency_keys WITH (UPDLOCK, ROWLOCK, HOLDLOCK) WHERE scope_id = @Scope",
            "SELECT COUNT(*) FROM sys.dm_exec_requests r CROSS APPLY sys.dm_exec_sql_text(r.sql_handle) t WHERE r.database_id = DB_ID() AND r.blocking_session_id <> 0 AND t.text LIKE '%idempotency_keys%'"),
        _ => throw new NotSupportedException(fx.Provider),
    };

    private async Task<(TestAgency Sender, System.Text.Json.Nodes.JsonObject Body, string Key)> ArrangeAsync()
    {
        var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var body = Scenario.ReferralBody(receiver.Id);
        body.Remove("externalReference"); // so a second effect would be written rather than refused
        return (sender, body, NewKey());
    }

    /// <summary>
    /// Opens a transaction holding <paramref name="lockSql"/>. With <paramref name="afterClaimOf"/>, the
    /// referrals table is held first so that request stalls right after claiming, then the claim row is
    /// locked and the table let go: the request runs on until it needs the claim row.
    /// </summary>
    private async Task<HeldLock> LockAsync(string lockSql, Guid scope, Func<Task<HttpResponseMessage>>? afterClaimOf = null)
    {
        var held = new HeldLock(fx.CreateConnection());
        await held.Connection.OpenAsync(Http.Ct);
        held.Transaction = await held.Connection.BeginTransactionAsync(Http.Ct);
        if (afterClaimOf is not null)
        {
            await using (await LockAsync(Sql.LockReferrals, scope))
            {
                held.Started = afterClaimOf();
                await WaitForClaimAsync(scope, previous: null);
                await held.Connection.ExecuteAsync(new CommandDefinition(lockSql, new { Scope = fx.DbValue(scope) }, held.Transaction, cancellationToken: Http.Ct));
            }

            return held;
        }

        await held.Connection.ExecuteAsync(new CommandDefinition(lockSql, new { Scope = fx.DbValue(scope) }, held.Transaction, cancellationToken: Http.Ct));
        return held;
    }

    /// <summary>
    /// Waits until <paramref name="count"/> sessions of this database wait on a lock over the claim
    /// row. Only statements on idempotency_keys count: the host's background jobs may wait on other
    /// locks at the same moment, and counting them would let the test run ahead of the request.
    /// </summary>
    private async Task WaitForWaitersAsync(int count)
    {
        await using var connection = fx.CreateConnection();
        for (var attempt = 0; attempt < PollAttempts; attempt++)
        {
            if (await connection.ExecuteScalarAsync<int>(new CommandDefinition(Sql.Waiting, cancellationToken: Http.Ct)) >= count)
            {
                return;
            }

            await Task.Delay(25, Http.Ct);
        }

        throw new InvalidOperationException($"Fewer than {count} sessions came to wait on a lock.");
    }

    /// <summary>Waits until a pending claim of the agency other than <paramref name="previous"/> exists; returns its creation value as stored.</summary>
    private async Task<object> WaitForClaimAsync(Guid scope, object? previous)
    {
        await using var connection = fx.CreateConnection();
        for (var attempt = 0; attempt < PollAttempts; attempt++)
        {
            var createdAt = await connection.ExecuteScalarAsync<object>(new CommandDefinition(
                "SELECT created_at FROM idempotency_keys WHERE scope_id = @Scope AND state = 'pending'", new { Scope = fx.DbValue(scope) }, cancellationToken: Http.Ct));
            if (createdAt is not null && !createdAt.Equals(previous))
            {
                return createdAt;
            }

            await Task.Delay(25, Http.Ct);
        }

        throw new InvalidOperationException("No new pending claim of the agency appeared.");
    }

    private async Task AssertOneReferralAnsweredAsync(TestAgency sender, System.Text.Json.Nodes.JsonObject body, string key, Guid id)
    {
        Assert.Equal(1, await fx.CountAsync("referrals", "from_agency_id", sender.Id));
        using var replay = await sender.Client.PostJsonAsync("/v1/referrals", body, Key(key));
        Assert.Equal(id, Scenario.IdOf(await replay.ExpectAsync(HttpStatusCode.Created)));
        Assert.True(replay.IsReplayed());
    }

    private sealed record SqlForEngine(string LockReferrals, string LockClaimRow, string Waiting);

    /// <summary>A test connection's open transaction; disposing it commits, which lets the waiting requests go.</summary>
    private sealed class HeldLock(DbConnection connection) : IAsyncDisposable
    {
        public DbConnection Connection { get; } = connection;

        public DbTransaction? Transaction { get; set; }

        public Task<HttpResponseMessage>? Started { get; set; }

        public async ValueTask DisposeAsync()
        {
            await Transaction!.CommitAsync(Http.Ct);
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}

// No SQLite binding: its single writer lock would hold back the claim as well, so an effect cannot stall behind its claim.
public sealed class ClaimTakeoverTests_Postgres(ClockedApiFixture<Postgres> fx) : ClaimTakeoverTests<Postgres>(fx);

public sealed class ClaimTakeoverTests_SqlServer(ClockedApiFixture<SqlServer> fx) : ClaimTakeoverTests<SqlServer>(fx);
