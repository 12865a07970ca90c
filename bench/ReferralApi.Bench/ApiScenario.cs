namespace ReferralApi.Bench;

/// <summary>One API request under load: its name in the table, its wrk script in bench/wrk and the rows it rotates through.</summary>
internal sealed record ApiScenario(string Name, string ScriptFile, Func<ApiSeed, string> Rows)
{
    /// <summary>Create runs first, so the reads that follow find thousands of referrals, not a handful.</summary>
    public static readonly ApiScenario[] All =
    [
        new("create", "create.lua", s => s.CreateRows),
        new("status", "status.lua", s => s.StatusRows),
        new("inbox", "inbox.lua", s => s.KeyRows),
        new("events", "events.lua", s => s.KeyRows),
    ];

    public string Script(string directory) => Path.Combine(directory, ScriptFile);

    public string[] Arguments(ApiSeed seed) => [Rows(seed)];
}
