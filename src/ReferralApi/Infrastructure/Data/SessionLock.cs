using System.Data.Common;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// A lock held by one database session (an advisory or application lock) for as long as this
/// object lives; disposing releases it explicitly, because a pooled connection outlives its
/// owner, and with it a session lock.
/// </summary>
internal sealed class SessionLock : IAsyncDisposable
{
    // Long enough for another instance's migrations to finish while this one waits for the lock.
    private const int LockWaitSeconds = 150;

    private readonly DbConnection connection;
    private readonly string release;

    private SessionLock(DbConnection connection, string release)
    {
        this.connection = connection;
        this.release = release;
    }

    public static async Task<SessionLock> AcquireAsync(DbConnection connection, string acquire, string release, CancellationToken ct)
    {
        try
        {
            await connection.OpenAsync(ct);
            await ExecuteAsync(connection, acquire, ct);
            return new SessionLock(connection, release);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ExecuteAsync(connection, release, CancellationToken.None);
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = LockWaitSeconds;
        await command.ExecuteNonQueryAsync(ct);
    }
}
