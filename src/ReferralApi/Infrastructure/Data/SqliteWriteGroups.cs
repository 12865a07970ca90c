using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// Group commit for SQLite's one writer. Units of work take turns on one connection and one open
/// transaction, each inside a savepoint of its own; the group commits once, so many units share one
/// flush to disk instead of paying one each (SQLite commits with a full sync, so a 2xx survives a
/// power cut).
/// <list type="bullet">
/// <item>A unit's failure rolls back its savepoint only; the group's other units are unaffected.</item>
/// <item>After its turn a unit queues once more. When it gets the turn again, every unit that was
/// waiting meanwhile has had its turn; it commits them all, unless one of them already did. So a
/// lone unit commits at once, and a unit waits at most for the units queued ahead of it.</item>
/// <item>A unit returns only once its group committed, failed or not: whatever it saw of the
/// group's other work is then durable for its caller too.</item>
/// <item>A failed commit fails the whole group: each unit gets <see cref="CommitOutcomeUnknownException"/>
/// (503, and a retry with the same Idempotency-Key replays or re-runs).</item>
/// </list>
/// Everything below runs while holding the turn, so the group's state needs no other lock.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The turn's semaphore lives as long as the application and never creates its wait handle.")]
internal sealed class SqliteWriteGroups(Func<CancellationToken, Task<DbConnection>> openConnection)
{
    private const int SqliteBusy = 5;

    /// <summary>How long a unit waits for its first turn: as long as SQLite's own busy wait.</summary>
    private static readonly TimeSpan TurnWait = TimeSpan.FromSeconds(5);

    /// <summary>SQLite lets one writer in at a time: queued here, the next unit starts as soon as the last one ends.</summary>
    private readonly SemaphoreSlim turn = new(1, 1);

    private Group? open;
    private long savepoints;
    private long commits;

    /// <summary>Groups committed so far; with <see cref="UnitsCommitted"/>, how many units shared a flush.</summary>
    public long Commits => Interlocked.Read(ref commits);

    /// <summary>Units whose work was kept in a committed group.</summary>
    public long UnitsCommitted { get; private set; }

    /// <summary>Waits for a turn and opens the unit's savepoint in the current group (opening one if none is).</summary>
    public async Task<WriteTransaction> JoinAsync(CancellationToken ct)
    {
        if (!await turn.WaitAsync(TurnWait, ct))
        {
            // What SQLite itself reports after its busy wait: transient, so the unit is retried.
            throw new SqliteException("database is locked (waiting for this process's other writers)", SqliteBusy);
        }

        try
        {
            open ??= await Group.BeginAsync(openConnection, ct);
            var name = "unit" + (++savepoints).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await open.Transaction.SaveAsync(name, ct);
            return new Member(this, open, name);
        }
        catch
        {
            if (open is { Units: 0 })
            {
                await open.EndAsync(commit: false);
                open = null;
            }

            turn.Release();
            throw;
        }
    }

    /// <summary>Ends a unit's turn (keeping or undoing its work), then waits for its group's outcome.</summary>
    private async Task<Exception?> LeaveAsync(Member member, bool keep)
    {
        var group = member.Group;
        try
        {
            if (!keep)
            {
                await group.Transaction.RollbackAsync(member.Name);
            }

            await group.Transaction.ReleaseAsync(member.Name);
            group.Units++;
            group.Kept += keep ? 1 : 0;
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            // The savepoint could not be closed: the transaction is in doubt, so the group fails whole.
            await EndAsync(group, failure: e);
        }
        finally
        {
            turn.Release();
        }

        await turn.WaitAsync(CancellationToken.None);
        try
        {
            if (!group.Ended)
            {
                await EndAsync(group, failure: null);
            }
        }
        finally
        {
            turn.Release();
        }

        return group.Failure;
    }

    private async Task EndAsync(Group group, Exception? failure)
    {
        if (ReferenceEquals(open, group))
        {
            open = null;
        }

        group.Failure = failure ?? await group.EndAsync(commit: true);
        if (failure is not null)
        {
            await group.EndAsync(commit: false);
        }
        else if (group.Failure is null)
        {
            Interlocked.Increment(ref commits);
            UnitsCommitted += group.Kept;
        }
    }

    /// <summary>One transaction on one pooled connection, shared by the units of one group.</summary>
    private sealed class Group(DbConnection connection, DbTransaction transaction)
    {
        public DbTransaction Transaction => transaction;

        /// <summary>Units whose turn has ended, their work kept or undone.</summary>
        public int Units { get; set; }

        /// <summary>Units whose work was kept.</summary>
        public int Kept { get; set; }

        public bool Ended { get; private set; }

        public Exception? Failure { get; set; }

        public static async Task<Group> BeginAsync(Func<CancellationToken, Task<DbConnection>> openConnection, CancellationToken ct)
        {
            var connection = await openConnection(ct);
            try
            {
                return new Group(connection, await connection.BeginTransactionAsync(ct));
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        /// <summary>Commits (or rolls back) and hands the connection back; the commit's failure, if any.</summary>
        public async Task<Exception?> EndAsync(bool commit)
        {
            if (Ended)
            {
                return null;
            }

            Ended = true;
            try
            {
                if (commit)
                {
                    await transaction.CommitAsync();
                }

                await transaction.DisposeAsync();
                await connection.DisposeAsync();
                return null;
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                // Closing the connection rolls back whatever did not commit.
                await connection.DisposeAsync();
                return e;
            }
        }
    }

    private sealed class Member(SqliteWriteGroups groups, Group group, string name) : WriteTransaction
    {
        private bool left;

        public Group Group => group;

        public string Name => name;

        public override DbTransaction Transaction => group.Transaction;

        public override async Task CommitAsync(CancellationToken ct)
        {
            left = true;
            if (await groups.LeaveAsync(this, keep: true) is { } failure)
            {
                throw new CommitOutcomeUnknownException(failure);
            }
        }

        public override async ValueTask DisposeAsync()
        {
            if (!left)
            {
                left = true;
                await groups.LeaveAsync(this, keep: false);
            }
        }
    }
}
