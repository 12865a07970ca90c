using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ReferralApi.Infrastructure.Telemetry;

/// <summary>
/// A span per SQLite statement, which Microsoft.Data.Sqlite does not emit itself. SQLite's profile
/// hook reports each finished statement with its run time, on the thread that ran it, so the span
/// is parented to the request's span and back-dated to when the statement started. The hook gets
/// the statement as written (parameters unexpanded); only its first keyword goes into the span.
/// Nothing is hooked while no tracer listens.
/// </summary>
internal static class SqliteCommandTracing
{
    public const string SourceName = "ReferralApi.Sqlite";

    private static readonly ActivitySource Source = new(SourceName);

    private static readonly strdelegate_profile OnStatement = Record;

    public static void Attach(SqliteConnection connection)
    {
        if (Source.HasListeners() && connection.Handle is { } handle)
        {
            raw.sqlite3_profile(handle, OnStatement, null);
        }
    }

    private static void Record(object userData, string statement, long nanoseconds)
    {
        if (!Source.HasListeners())
        {
            return;
        }

        var operation = OperationOf(statement);
        var end = DateTimeOffset.UtcNow;
        using var activity = Source.StartActivity(operation, ActivityKind.Client, parentContext: default, startTime: end.AddTicks(-nanoseconds / 100));
        if (activity is null)
        {
            return;
        }

        activity.SetTag("db.system.name", "sqlite");
        activity.SetTag("db.operation.name", operation);
        activity.SetEndTime(end.UtcDateTime);
    }

    private static string OperationOf(string statement)
    {
        var text = statement.AsSpan().TrimStart();
        var end = text.IndexOfAny(" \t\r\n".AsSpan());
        var word = end < 0 ? text : text[..end];
        return word.Length is > 0 and <= 16 ? word.ToString().ToUpperInvariant() : "SQL";
    }
}
