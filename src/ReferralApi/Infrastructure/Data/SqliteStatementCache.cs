using Microsoft.Data.Sqlite;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// One open SQLite connection of the serving pool and the commands prepared on it, by SQL text.
/// Microsoft.Data.Sqlite prepares a command's statements on its first run and keeps them until its
/// text changes or it is disposed, but a command lives for one statement and a connection's
/// commands are disposed when it goes back to the provider's pool; so every statement was compiled
/// again on every request. Kept here, a statement is compiled once per connection and then only
/// reset, bound and stepped. The least recently used command goes once <see cref="Capacity"/> is
/// reached, which bounds the memory held by compiled statements. Used by one caller at a time.
/// </summary>
internal sealed class SqliteStatementCache(SqliteConnection connection) : IDisposable
{
    /// <summary>Comfortably more than the statements of the busiest requests, so they stay compiled.</summary>
    public const int Capacity = 64;

    private readonly Dictionary<string, LinkedListNode<Entry>> entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> recency = new();

    public SqliteConnection Connection => connection;

    /// <summary>Commands leased and not yet given back: a connection closed with any is not reused.</summary>
    public int Outstanding { get; private set; }

    /// <summary>A command with <paramref name="sql"/>, prepared if it ran here before; give it back with <see cref="Return"/>.</summary>
    public SqliteCommand Lease(string sql)
    {
        if (entries.TryGetValue(sql, out var node))
        {
            if (node.Value.Leased)
            {
                // The same text again while the first is still reading: a command of its own, not kept.
                Outstanding++;
                return new SqliteCommand(sql, connection);
            }

            Outstanding++;
            node.Value.Leased = true;
            recency.Remove(node);
            recency.AddFirst(node);
            return node.Value.Command;
        }

        Outstanding++;
        var entry = new Entry(new SqliteCommand(sql, connection)) { Leased = true };
        entries[sql] = recency.AddFirst(entry);
        EvictBeyondCapacity();
        return entry.Command;
    }

    /// <summary>Takes back a leased command, cleared for its next use; a command that is not kept is disposed.</summary>
    public void Return(SqliteCommand command)
    {
        Outstanding--;
        if (entries.TryGetValue(command.CommandText, out var node) && ReferenceEquals(node.Value.Command, command) && node.Value.Leased)
        {
            command.Parameters.Clear();
            command.Transaction = null;
            node.Value.Leased = false;
            return;
        }

        command.Dispose();
    }

    /// <summary>
    /// The column names kept with a leased command's compiled statement; a command not kept here
    /// (the same text while the first still reads) gets names of its own, for this run only.
    /// </summary>
    public SqliteServingReader.StatementColumns ColumnsOf(SqliteCommand command) =>
        entries.TryGetValue(command.CommandText, out var node) && ReferenceEquals(node.Value.Command, command)
            ? node.Value.Columns
            : new SqliteServingReader.StatementColumns();

    public void Dispose()
    {
        foreach (var entry in recency)
        {
            entry.Command.Dispose();
        }

        entries.Clear();
        recency.Clear();
        connection.Dispose();
    }

    private void EvictBeyondCapacity()
    {
        for (var node = recency.Last; entries.Count > Capacity && node is not null;)
        {
            var previous = node.Previous;
            if (!node.Value.Leased)
            {
                recency.Remove(node);
                entries.Remove(node.Value.Command.CommandText);
                node.Value.Command.Dispose();
            }

            node = previous;
        }
    }

    private sealed class Entry(SqliteCommand command)
    {
        public SqliteCommand Command => command;

        public bool Leased { get; set; }

        public SqliteServingReader.StatementColumns Columns { get; } = new();
    }
}
