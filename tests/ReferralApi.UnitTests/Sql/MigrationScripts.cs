using DbUp.Support;

namespace ReferralApi.UnitTests.Sql;

/// <summary>The migration scripts exactly as the runner gets them: embedded resources of the API assembly.</summary>
internal static class MigrationScripts
{
    public static readonly string[] Engines = ["SqlServer", "PostgreSql", "Sqlite"];

    /// <summary>Script file names (<c>0001_initial.sql</c>) of one engine, in name order.</summary>
    public static IReadOnlyList<string> Names(string engine)
    {
        var prefix = Prefix(engine);
        return [.. typeof(Program).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => n[prefix.Length..])
            .Order(StringComparer.Ordinal)];
    }

    public static string Read(string engine, string name)
    {
        using var stream = typeof(Program).Assembly.GetManifestResourceStream(Prefix(engine) + name)
            ?? throw new InvalidOperationException($"No embedded script {engine}/{name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The batches SQL Server receives: DbUp's own splitter, the one its SQL Server executor uses,
    /// so GO inside comments or strings is treated exactly as in production.
    /// </summary>
    public static IReadOnlyList<SqlStatement> SqlServerBatches()
    {
        var splitter = new SqlCommandSplitter();
        return [.. Names("SqlServer").SelectMany(name => splitter.SplitScriptIntoCommands(Read("SqlServer", name))
            .Select((batch, i) => new SqlStatement($"SqlServer/{name} batch {i + 1}", batch)))];
    }

    private static string Prefix(string engine) => $"ReferralApi.Database.{engine}.";
}
