using Microsoft.Extensions.DependencyInjection;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Reliability;

namespace ReferralApi.IntegrationTests.Demo;

/// <summary>
/// The API as <c>scripts/run.sh</c> starts it — SQLite with the demo agencies of West Kalimantan and
/// their keys in a file — but on a clock the script can move through a week.
/// </summary>
public sealed class DemoWeekFixture : ApiFixture<Sqlite>
{
    public string KeysFile { get; } = Path.Combine(Path.GetTempPath(), $"referral-demo-week-{Guid.NewGuid():N}", "demo-keys.txt");

    public AdjustableClock Clock { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Demo:Seed"] = "true",
        ["Demo:KeysFile"] = KeysFile,
        ["Referrals:Overdue:CheckInterval"] = "00:00:00.050",
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    /// <summary>The demo keys by agency code, read once and removed from disk.</summary>
    public Dictionary<string, string> TakeKeys()
    {
        _ = Factory.Services;
        var keys = File.ReadAllLines(KeysFile).Select(l => l.Split('\t')).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        Directory.Delete(Path.GetDirectoryName(KeysFile)!, recursive: true);
        return keys;
    }
}
