using System.Text;
using System.Text.Json.Nodes;
using ReferralApi.Cli.Tests.Support;

namespace ReferralApi.Cli.Tests;

/// <summary><c>referral events</c>: NDJSON out, and a state file that makes each run start where the last one stopped.</summary>
public sealed class EventsTests(ApiHost api) : IClassFixture<ApiHost>, IDisposable
{
    private readonly ReferralFiles files = new();

    [Fact]
    public async Task Events_WithStateFile_PrintsEachEventOnce_AcrossRuns()
    {
        var sender = await api.CreateAgencyAsync();
        var receiver = await api.CreateAgencyAsync();
        var state = Path.Combine(files.Folder, "feed.cursor");
        var first = await Referrals.SendAsync(api, sender, receiver);
        var second = await Referrals.SendAsync(api, sender, receiver);

        var run1 = await CliRunner.RunAsync(api, receiver, "events", "--state-file", state);
        var run2 = await CliRunner.RunAsync(api, receiver, "events", "--state-file", state);
        await CliRunner.RunAsync(api, receiver, "ack", first.ToString(), "accepted");
        var run3 = await CliRunner.RunAsync(api, receiver, "events", "--state-file", state);

        Assert.True(run1.ExitCode == 0, run1.ToString());
        Assert.Equal([first, second], Events(run1).Where(e => Type(e) == "referral.created").Select(ReferralId));
        Assert.Empty(run2.Lines);
        var latest = Assert.Single(Events(run3));
        Assert.Equal(("referral.accepted", first), (Type(latest), ReferralId(latest)));
        var all = Events(run1).Concat(Events(run3)).Select(e => (string?)e["id"]).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.True(File.Exists(state));
        Assert.False(File.Exists(state + ".tmp"));
    }

    [Fact]
    public async Task Events_WithoutStateFile_PrintsTheWholeFeedEveryTime()
    {
        var sender = await api.CreateAgencyAsync();
        var receiver = await api.CreateAgencyAsync();
        var id = await Referrals.SendAsync(api, sender, receiver);

        var once = await CliRunner.RunAsync(api, receiver, "events");
        var twice = await CliRunner.RunAsync(api, receiver, "events");

        Assert.Equal([id], Events(once).Select(ReferralId));
        Assert.Equal(once.Out, twice.Out);
    }

    [Fact]
    public async Task EventsFollow_PrintsNewEventsAsTheyHappen_AndResumesAfterAStop()
    {
        var sender = await api.CreateAgencyAsync();
        var receiver = await api.CreateAgencyAsync();
        var state = Path.Combine(files.Folder, "follow.cursor");
        var first = await Referrals.SendAsync(api, sender, receiver);
        using var stop = new CancellationTokenSource();
        var output = new StringWriter(new StringBuilder());
        var environment = CliRunner.Environment(api.BaseUrl.ToString(), receiver.Key);

        var following = CliRunner.RunAsync(environment, "", output, stop.Token, "events", "--follow", "--interval", "1", "--state-file", state);
        await WaitForAsync(output, first);
        var second = await Referrals.SendAsync(api, sender, receiver);
        await WaitForAsync(output, second);
        await stop.CancelAsync();
        var followed = await following;
        var after = await CliRunner.RunAsync(api, receiver, "events", "--state-file", state);

        Assert.True(followed.ExitCode == 0, followed.ToString());
        Assert.Equal([first, second], Events(followed).Select(ReferralId));
        Assert.Empty(after.Lines);
    }

    [Fact]
    public async Task Events_WhileAnotherRunHoldsTheStateFile_Exits5_AndPrintsNothing()
    {
        var sender = await api.CreateAgencyAsync();
        var receiver = await api.CreateAgencyAsync();
        await Referrals.SendAsync(api, sender, receiver);
        var state = Path.Combine(files.Folder, "busy.cursor");
        using var held = new FileStream(state + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var result = await CliRunner.RunAsync(api, receiver, "events", "--state-file", state);

        Assert.Equal(5, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.False(File.Exists(state));
    }

    private static async Task WaitForAsync(StringWriter output, Guid referral)
    {
        for (var i = 0; i < 300; i++)
        {
            string text;
            lock (output)
            {
                text = output.ToString();
            }

            if (text.Contains(referral.ToString(), StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"events --follow did not print an event of {referral} within 30 s");
    }

    private static List<JsonNode> Events(CliResult result) => [.. result.Lines.Select(l => JsonNode.Parse(l)!)];

    private static string? Type(JsonNode e) => (string?)e["type"];

    private static Guid ReferralId(JsonNode e) => Guid.Parse((string)e["data"]!["referralId"]!);

    public void Dispose() => files.Dispose();
}
