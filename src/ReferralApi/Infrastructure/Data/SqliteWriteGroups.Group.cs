using System.Data.Common;

namespace ReferralApi.Infrastructure.Data;

internal sealed partial class SqliteWriteGroups
{
    /// <summary>One transaction on one pooled connection, shared by the units of one group.</summary>
    private sealed class Group(DbConnection connection, DbTransaction transaction)
    {
        private Exception? failure;
        private bool commitFailed;

        public DbTransaction Transaction => transaction;

        public bool Ended { get; private set; }

        /// <summary>True only once COMMIT has returned.</summary>
        public bool Committed { get; private set; }

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

        /// <summary>What a unit of this ended group is told: null when it committed.</summary>
        public Exception? Outcome() =>
            Committed ? null
            : commitFailed ? new CommitOutcomeUnknownException(failure!)
            : new UnitRolledBackException(failure ?? new InvalidOperationException("The write group ended without committing."));

        /// <summary>
        /// Commits, unless <paramref name="failedBeforeCommit"/> says the transaction is already in
        /// doubt; then hands the connection back. Cleanup failures are swallowed: the outcome is
        /// settled before any cleanup, and closing the connection rolls back whatever did not commit.
        /// </summary>
        public async Task EndAsync(Exception? failedBeforeCommit)
        {
            if (Ended)
            {
                return;
            }

            Ended = true;
            failure = failedBeforeCommit;
            if (failedBeforeCommit is null)
            {
                try
                {
                    await transaction.CommitAsync();
                    Committed = true;
                }
                catch (Exception e) when (e is DbException or InvalidOperationException)
                {
                    (failure, commitFailed) = (e, true);
                }
            }

            await QuietlyAsync(transaction.DisposeAsync);
            await QuietlyAsync(connection.DisposeAsync);
        }

        private static async Task QuietlyAsync(Func<ValueTask> dispose)
        {
            try
            {
                await dispose();
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                // After a failed commit SQLite may have rolled back already, and the rollback that
                // disposing attempts fails: nothing is left to undo.
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
            if (await groups.LeaveAsync(this, keep: true) is { } notCommitted)
            {
                throw notCommitted;
            }
        }

        /// <summary>
        /// A unit that failed still waits for its group: if the group did not commit, what the unit
        /// saw of its group-mates' work may never have existed, so it is told to run again.
        /// </summary>
        public override async ValueTask DisposeAsync()
        {
            if (left)
            {
                return;
            }

            left = true;
            if (await groups.LeaveAsync(this, keep: false) is { } notCommitted)
            {
                throw notCommitted is UnitRolledBackException ? notCommitted : new UnitRolledBackException(notCommitted);
            }
        }
    }
}
