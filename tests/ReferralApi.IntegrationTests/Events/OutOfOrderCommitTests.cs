using System.Data.Common;
using Dapper;
using ReferralApi.Features.Events;
using ReferralApi.Features.Webhooks;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Events;

/// <summary>
/// PostgreSQL and SQL Server hand out sequence values and rowversions at insert time, not at commit
/// time: a transaction T1 that writes first can commit after T2. A poller that read T2's event and
/// moved its cursor past it must still receive T1's event afterwards. These tests hold T1 open on a
/// direct connection while polling through the API. On SQL Server the suite runs with
/// READ_COMMITTED_SNAPSHOT both OFF and ON (see scripts/test.sh). SQLite has one writer at a time,
/// so T2 cannot commit while T1 is open there.
/// </summary>
public abstract class OutOfOrderCommitTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task Feed_DeliversEachEventOnce_WhenWritersCommitOutOfOrder()
    {
        var (receiver, referral) = await ReferralWithQuietFeedAsync();
        var (_, cursor) = await FeedReader.ReadAtLeastAsync(receiver.Client, null, 1);

        await using var first = await OpenAsync();
        await using var t1 = await first.BeginTransactionAsync(Http.Ct);
        var e1 = await AppendNoteEventAsync(first, t1, referral);
        var e2 = await CommitNoteEventAsync(referral);

        var (whileOpen, cursorWhileOpen) = await FeedReader.PollAsync(receiver.Client, cursor);
        Assert.Empty(whileOpen); // T2's event waits until T1, which wrote earlier, is finished.

        await t1.CommitAsync(Http.Ct);
        var (afterCommit, _) = await FeedReader.ReadAtLeastAsync(receiver.Client, cursorWhileOpen, 2);

        Assert.Equal([e1.ToString(), e2.ToString()], afterCommit.Select(e => (string)e["id"]!));
    }

    protected async Task<(TestAgency Receiver, ReferralIds Referral)> ReferralWithQuietFeedAsync()
    {
        var sender = await fx.CreateAgencyAsync();
        var receiver = await fx.CreateAgencyAsync();
        var created = await Scenario.SendReferralAsync(sender, receiver);
        return (receiver, new ReferralIds(Scenario.IdOf(created), Guid.Parse((string)created["caseId"]!), sender.Id, receiver.Id));
    }

    protected async Task<DbConnection> OpenAsync()
    {
        var connection = fx.CreateConnection();
        await connection.OpenAsync(Http.Ct);
        return connection;
    }

    protected async Task<Guid> CommitNoteEventAsync(ReferralIds referral)
    {
        await using var second = await OpenAsync();
        await using var t2 = await second.BeginTransactionAsync(Http.Ct);
        var id = await AppendNoteEventAsync(second, t2, referral);
        await t2.CommitAsync(Http.Ct);
        return id;
    }

    protected static async Task<Guid> AppendNoteEventAsync(DbConnection connection, DbTransaction transaction, ReferralIds referral)
    {
        var change = new NewEvent(EventTypes.NoteAdded, DateTimeOffset.UtcNow, referral.Id, referral.CaseId, referral.From, referral.To, "sent", 1, referral.From);
        await connection.ExecuteAsync(new CommandDefinition(EventLog.InsertWithDeliveries, EventLog.Arguments(change), transaction, cancellationToken: Http.Ct));
        return change.EventId;
    }

    protected sealed record ReferralIds(Guid Id, Guid CaseId, Guid From, Guid To);
}

/// <summary>
/// Why the feed is not the obvious query, shown on PostgreSQL: a cursor over sequence numbers skips
/// the late commit for good. (On SQL Server with READ_COMMITTED_SNAPSHOT OFF the same query would
/// wait for T1 instead, so it cannot show the loss there.)
/// </summary>
public sealed class OutOfOrderCommitTests_Postgres(ApiFixture<Postgres> fx) : OutOfOrderCommitTests<Postgres>(fx)
{
    // The obvious query: everything after the last sequence number seen.
    private const string NaiveFeed = "SELECT seq FROM events WHERE agency_id = @Agency AND seq > @After ORDER BY seq";

    [Fact]
    public async Task NaiveSequenceCursor_SkipsTheLateCommit()
    {
        var (receiver, referral) = await ReferralWithQuietFeedAsync();
        await using var reader = await OpenAsync();
        var before = await reader.ExecuteScalarAsync<long>("SELECT MAX(seq) FROM events");

        await using var first = await OpenAsync();
        await using var t1 = await first.BeginTransactionAsync(Http.Ct);
        await AppendNoteEventAsync(first, t1, referral);
        await CommitNoteEventAsync(referral);

        var seenWhileOpen = (await reader.QueryAsync<long>(NaiveFeed, new { Agency = receiver.Id, After = before })).ToList();
        var naiveCursor = Assert.Single(seenWhileOpen); // only T2's event is visible, and the cursor moves past T1's
        await t1.CommitAsync(Http.Ct);
        var seenAfterCommit = (await reader.QueryAsync<long>(NaiveFeed, new { Agency = receiver.Id, After = naiveCursor })).ToList();

        Assert.Empty(seenAfterCommit); // T1's event now exists below the cursor and is never delivered
        var total = await reader.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM events WHERE agency_id = @Agency AND seq > @After", new { Agency = receiver.Id, After = before });
        Assert.Equal(2, total);
    }
}

public sealed class OutOfOrderCommitTests_SqlServer(ApiFixture<SqlServer> fx) : OutOfOrderCommitTests<SqlServer>(fx);
