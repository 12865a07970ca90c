using System.Text.Json.Nodes;
using ReferralApi.Cli.Tests.Support;

namespace ReferralApi.Cli.Tests;

/// <summary><c>referral ack</c> and <c>referral status</c>: If-Match, idempotent re-runs, problems.</summary>
public sealed class MoveTests(ApiHost api) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Ack_ThenStatus_MoveTheReferralToCompleted()
    {
        var (sender, receiver, id) = await PairAsync();

        var accepted = await CliRunner.RunAsync(api, receiver, "ack", id.ToString(), "accepted", "--receiver-reference", "UPTD/2026/0456");
        var started = await CliRunner.RunAsync(api, receiver, "status", id.ToString(), "in_progress");
        var completed = await CliRunner.RunAsync(api, receiver, "status", id.ToString(), "completed", "--outcome", "Services delivered.", "--json");

        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Contains("accepted", Assert.Single(accepted.Lines, l => l.StartsWith(id.ToString(), StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.True(started.ExitCode == 0, started.ToString());
        Assert.True(completed.ExitCode == 0, completed.ToString());
        Assert.Equal("completed", (string?)JsonNode.Parse(completed.Out)!["status"]);
        var history = (await Referrals.StatusAsync(api, sender, id))["history"]!.AsArray().Select(h => (string?)h!["status"]);
        Assert.Equal(["sent", "accepted", "in_progress", "completed"], history);
    }

    [Fact]
    public async Task Ack_RunTwice_MovesOnce_AndSucceedsBothTimes()
    {
        var (sender, receiver, id) = await PairAsync();

        var first = await CliRunner.RunAsync(api, receiver, "ack", id.ToString(), "declined", "--reason-code", "no_capacity");
        var again = await CliRunner.RunAsync(api, receiver, "ack", id.ToString(), "declined", "--reason-code", "no_capacity");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        var status = await Referrals.StatusAsync(api, sender, id);
        Assert.Equal(["sent", "declined"], status["history"]!.AsArray().Select(h => (string?)h!["status"]));
    }

    [Fact]
    public async Task Status_SameMoveLaterInTheReferralsLife_IsSentAgain()
    {
        // in_progress → on_hold → in_progress: the second in_progress is a new move, not a replay of the first.
        var (sender, receiver, id) = await PairAsync();
        await CliRunner.RunAsync(api, receiver, "ack", id.ToString(), "accepted");

        var runs = new[]
        {
            await CliRunner.RunAsync(api, receiver, "status", id.ToString(), "in_progress"),
            await CliRunner.RunAsync(api, receiver, "status", id.ToString(), "on_hold", "--reason-code", "subject_unreachable"),
            await CliRunner.RunAsync(api, receiver, "status", id.ToString(), "in_progress"),
        };

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.ToString()));
        var history = (await Referrals.StatusAsync(api, sender, id))["history"]!.AsArray().Select(h => (string?)h!["status"]);
        Assert.Equal(["sent", "accepted", "in_progress", "on_hold", "in_progress"], history);
    }

    [Fact]
    public async Task Ack_WithStaleVersion_Exits2_AndChangesNothing()
    {
        var (sender, receiver, id) = await PairAsync();
        await CliRunner.RunAsync(api, receiver, "ack", id.ToString(), "received");

        // Version 1 is what the officer saw in the inbox before the referral was marked received.
        var result = await CliRunner.RunAsync(api, receiver, "ack", id.ToString(), "accepted", "--if-match", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("(412, precondition-failed)", result.Error, StringComparison.Ordinal);
        Assert.Equal("received", (string?)(await Referrals.StatusAsync(api, sender, id))["status"]);
    }

    [Fact]
    public async Task Status_WithoutRequiredOutcome_NamesTheField_InIndonesian()
    {
        var (_, receiver, id) = await PairAsync();
        await CliRunner.RunAsync(api, receiver, "ack", id.ToString(), "accepted");

        var result = await CliRunner.RunAsync(api, receiver, "status", id.ToString(), "completed", "--lang", "id");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("$.outcome: Kolom ini wajib diisi.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_InvalidTransition_ListsWhereTheReferralMayGo()
    {
        var (_, receiver, id) = await PairAsync();

        var result = await CliRunner.RunAsync(api, receiver, "status", id.ToString(), "in_progress");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("invalid-transition", result.Error, StringComparison.Ordinal);
        Assert.Contains("currentStatus: sent", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ack_ReferralOfOtherAgencies_IsNotFound()
    {
        var (_, _, id) = await PairAsync();
        var stranger = await api.CreateAgencyAsync();

        var result = await CliRunner.RunAsync(api, stranger, "ack", id.ToString(), "accepted");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("(404", result.Error, StringComparison.Ordinal);
    }

    private async Task<(TestAgency Sender, TestAgency Receiver, Guid Id)> PairAsync()
    {
        var sender = await api.CreateAgencyAsync();
        var receiver = await api.CreateAgencyAsync();
        return (sender, receiver, await Referrals.SendAsync(api, sender, receiver));
    }
}
