using Microsoft.Data.Sqlite;

namespace ReferralApi.Infrastructure.Data;

/// <summary>An exclusive lock file beside the SQLite database, so two processes never migrate at once.</summary>
internal static class SqliteFileLock
{
    public static async Task<FileStream> AcquireAsync(string connectionString, CancellationToken ct)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var path = Path.GetFullPath(dataSource) + ".migrate.lock";
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, ct);
            }
        }
    }
}
