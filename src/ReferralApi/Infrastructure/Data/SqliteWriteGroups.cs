using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// Group commit for SQLite's one writer. Units of work take turns on one connection and one open
/// transaction, each inside a savepoint of its own; the group commits once, so many units share one
/// sync of the log instead of paying one each (SQLite commits with a full sync, so a 2xx survives a
/// power cut).
/// <list type="bullet">
/// <item>A unit's failure rolls back its savepoint only; the group's other units are unaffected.</item>
/// <item>After its turn a unit queues once more. When it gets the turn again, every unit that was
/// waiting meanwhile has had its turn; it commits them all, unless one of them already did. So a
/// lone unit commits at once, and a unit waits at most for the units queued ahead of it.</item>
/// <item>A unit returns only once its group has ended: whatever it saw of the group's other work
/// is then committed for its caller too, or the unit learns that it was not.</item>
/// <item>A group that ends without committing tells each unit: a failed COMMIT as
/// <see cref="CommitOutcomeUnknownException"/> (503; a retry with the same Idempotency-Key replays or
/// re-runs), anything before it (the whole transaction aborted by a unit's I/O error, a savepoint
/// that could not be closed) as <see cref="UnitRolledBackException"/>, which re-runs the unit.</item>
/// </list>
/// Everything below runs while holding the turn, so the group's state needs no other lock.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The turn's semaphore lives as long as the application and never creates its wait handle.")]
internal sealed partial class SqliteWriteGroups(Func<CancellationToken, Task<DbConnection>> openConnection)
{
    private const int SqliteBusy = 5;

    /// <summary>How long a unit waits for its first turn: as long as SQLite's own busy wait.</summary>
    private static readonly TimeSpan TurnWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a finished unit waits for its group to end: the units queued ahead of it run first,
    /// and beyond this its answer is that the outcome is unknown.
    /// </summary>
    private static readonly TimeSpan OutcomeWait = TimeSpan.FromSeconds(30);

    /// <summary>SQLite lets one writer in at a time: queued here, the next unit starts as soon as the last one ends.</summary>
    private readonly SemaphoreSlim turn = new(1, 1);

    private Group? open;
    private long commits;

    /// <summary>Groups committed so far: fewer than the units that wrote, when units shared a sync.</summary>
    public long Commits => Interlocked.Read(ref commits);

    /// <summary>Waits for a turn and opens the unit's savepoint in the current group (opening one if none is).</summary>
    public async Task<WriteTransaction> JoinAsync(CancellationToken ct)
    {
        if (!await turn.WaitAsync(TurnWait, ct))
        {
            // What SQLite itself reports after its busy wait: transient, so the unit is retried.
            throw new SqliteException("database is locked (waiting for this process's other writers)", SqliteBusy);
        }

        var joined = false;
        try
        {
            open ??= await Group.BeginAsync(openConnection, ct);
            // Units take turns, so one savepoint is open at a time: one name, one compiled statement.
            const string name = "unit";
            try
            {
                await open.Transaction.SaveAsync(name, ct);
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                // No savepoint means the transaction is in doubt: the group ends here, uncommitted.
                await EndAsync(open, failedBeforeCommit: e);
                throw;
            }

            joined = true;
            return new Member(this, open, name);
        }
        finally
        {
            if (!joined)
            {
                turn.Release();
            }
        }
    }

    /// <summary>
    /// Ends a unit's turn, keeping or undoing its work, then waits for its group to end; the
    /// exception that tells the unit its group did not commit, or null.
    /// </summary>
    private async Task<Exception?> LeaveAsync(Member member, bool keep)
    {
        var group = member.Group;
        try
        {
            if (!group.Ended)
            {
                await CloseSavepointAsync(group, member.Name, keep);
            }
        }
        finally
        {
            turn.Release();
        }

        if (!await turn.WaitAsync(OutcomeWait, CancellationToken.None))
        {
            return new CommitOutcomeUnknownException(new TimeoutException("The write group did not end in time."));
        }

        try
        {
            if (!group.Ended)
            {
                await EndAsync(group, failedBeforeCommit: null);
            }
        }
        finally
        {
            turn.Release();
        }

        return group.Outcome();
    }

    private async Task CloseSavepointAsync(Group group, string name, bool keep)
    {
        try
        {
            if (!keep)
            {
                await group.Transaction.RollbackAsync(name);
            }

            await group.Transaction.ReleaseAsync(name);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            // SQLite aborts the whole transaction on some errors (a full disk, an I/O error), and
            // then the savepoint is gone too: the group ends here, uncommitted.
            await EndAsync(group, failedBeforeCommit: e);
        }
    }

    private async Task EndAsync(Group group, Exception? failedBeforeCommit)
    {
        if (ReferenceEquals(open, group))
        {
            open = null;
        }

        await group.EndAsync(failedBeforeCommit);
        if (group.Committed)
        {
            Interlocked.Increment(ref commits);
        }
    }
}
