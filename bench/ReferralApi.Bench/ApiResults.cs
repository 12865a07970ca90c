namespace ReferralApi.Bench;

/// <summary>
/// How the request benchmark's figures sit in the shared results file: kind <c>api</c>, the
/// engine (or <c>trivial</c>), the concurrency in the size column, the case name, then the values
/// at the indexes below (NaN where a figure does not apply).
/// </summary>
internal static class ApiResults
{
    public const string Kind = "api";
    public const string Peak = "api-peak";

    /// <summary>The disk's sync time beside an engine's cases (<see cref="DiskSyncProbe"/>): case <c>before</c> or <c>after</c>, values p50 and p99 in µs.</summary>
    public const string DiskSync = "api-disk-sync";
    public const string Trivial = "trivial";

    public const int PerSecond = 0;
    public const int P50 = 1;
    public const int P99 = 2;
    public const int Requests = 3;
    public const int Errors = 4;
    public const int AllocatedPerRequest = 5;
    public const int Rss = 6;
    public const int Statements = 7;
    public const int Checkouts = 8;

    public static string ReplayOf(string scenario) => "replay-" + scenario;
}
