namespace ReferralApi.Bench;

/// <summary>
/// One API request under load: its name in the table, its wrk script in bench/wrk, the rows it
/// rotates through (none for get.lua, which sends no key) and, for keyed-get.lua and get.lua, the path.
/// </summary>
internal sealed record ApiScenario(string Name, string ScriptFile, Func<ApiSeed, string>? Rows, string? Path = null)
{
    /// <summary>Create runs first, so the reads that follow find thousands of referrals, not a handful.</summary>
    public static readonly ApiScenario[] All =
    [
        new("create", "create.lua", s => s.CreateRows),
        new("status", "status.lua", s => s.StatusRows),
        new("inbox", "keyed-get.lua", s => s.KeyRows, "/v1/referrals?box=inbox&limit=20"),

        // From the start of each agency's feed: a full page of events, the poll's heaviest answer.
        new("events", "keyed-get.lua", s => s.KeyRows, "/v1/events?limit=100"),

        // The API's pipeline without authentication or the database, beside the trivial endpoint.
        new("liveness", "get.lua", null, "/health/live"),
    ];

    public string Script(string directory) => System.IO.Path.Combine(directory, ScriptFile);

    public string[] Arguments(ApiSeed seed) => (Rows, Path) switch
    {
        (null, { } path) => [path],
        ({ } rows, null) => [rows(seed)],
        ({ } rows, { } path) => [rows(seed), path],
        _ => throw new InvalidOperationException($"The {Name} scenario names neither rows nor a path."),
    };
}
