using Microsoft.Data.Sqlite;

namespace ReferralApi.IntegrationTests.Infrastructure;

/// <summary>A temporary file per database; SQLite needs no server, so it is always available.</summary>
public sealed class SqliteEngine : IDatabaseEngine
{
    private static readonly string Directory = Path.Combine(Path.GetTempPath(), "referral-tests");

    public string Name => "sqlite";

    public Task<EngineDatabase> CreateDatabaseAsync(CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, $"referrals-{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        return Task.FromResult(new EngineDatabase(Name, connectionString, () => DeleteAsync(path)));
    }

    private static ValueTask DeleteAsync(string path)
    {
        // Pooled connections keep the file open; release them before the files go.
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }

        return ValueTask.CompletedTask;
    }
}
