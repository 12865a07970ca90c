using System.Text.Json.Nodes;
using ReferralApi.Cli.Tests.Support;

namespace ReferralApi.Cli.Tests;

/// <summary><c>referral send</c> of a CSV or NDJSON batch, and <c>referral export</c>, against the real API over loopback.</summary>
public sealed class BatchAndExportTests(ApiHost api) : IClassFixture<ApiHost>, IDisposable
{
    private readonly ReferralFiles files = new();

    [Fact]
    public async Task SendNdjson_ReportsEachLine_AndARerunCreatesNothingTwice()
    {
        var sender = await api.CreateAgencyAsync();
        var receiver = await api.CreateAgencyAsync();
        var bad = ReferralFiles.Body(receiver.Id);
        bad["subject"]!.AsObject().Remove("sex");
        var text = string.Join('\n', ReferralFiles.Body(receiver.Id).ToJsonString(), "", bad.ToJsonString(), ReferralFiles.Body(receiver.Id).ToJsonString()) + "\n";
        var path = files.WriteText(text, "rescue.ndjson");

        var first = await CliRunner.RunAsync(api, sender, "send", path);
        var again = await CliRunner.RunAsync(api, sender, "send", path, "--json");

        Assert.True(first.ExitCode == 2, first.ToString());
        Assert.StartsWith("LINE", first.Lines[0], StringComparison.Ordinal);
        Assert.Contains(first.Lines, l => l.StartsWith("1 ", StringComparison.Ordinal) && l.Contains("201", StringComparison.Ordinal) && l.EndsWith("created", StringComparison.Ordinal));
        Assert.Contains(first.Lines, l => l.StartsWith("3 ", StringComparison.Ordinal) && l.Contains("400", StringComparison.Ordinal) && l.Contains("$.subject.sex", StringComparison.Ordinal));
        var results = JsonNode.Parse(again.Out)!.AsArray();
        Assert.Equal([1, 3, 4], results.Select(r => (int)r!["line"]!));
        Assert.True((bool)results[0]!["replayed"]!);
        Assert.True((bool)results[2]!["replayed"]!);
        var inbox = await CliRunner.RunAsync(api, receiver, "inbox", "--json");
        Assert.Equal(2, JsonNode.Parse(inbox.Out)!.AsArray().Count);
    }

    [Fact]
    public async Task SendCsv_MapsTheColumnsToTheReferral()
    {
        var sender = await api.CreateAgencyAsync();
        var receiver = await api.CreateAgencyAsync();
        var csv = "externalReference,toAgencyId,urgency,violenceTypes,servicesRequested,reason,subjectInitials,subjectSex,subjectAgeYears,subjectDisability,legalBasis\r\n"
            + $"LP/CSV/1,{receiver.Id},urgent,sexual;physical,psychosocial,\"Rescued at the port, needs \"\"safe\"\" housing\",S.A.,female,16,false,legal_obligation\r\n"
            + $"LP/CSV/2,{receiver.Id},routine,neglect,safe_house,Left alone,R.B.,male,9,,legal_obligation\r\n";

        var sent = await CliRunner.RunAsync(api, sender, "send", files.WriteText(csv, "rescue.csv"), "--json");

        Assert.True(sent.ExitCode == 0, sent.ToString());
        var results = JsonNode.Parse(sent.Out)!.AsArray();
        Assert.Equal([2, 3], results.Select(r => (int)r!["line"]!));
        using var client = api.Client(receiver.Key);
        var read = JsonNode.Parse(await client.GetStringAsync($"v1/referrals/{(string)results[0]!["id"]!}", TestContext.Current.CancellationToken))!;
        Assert.Equal("Rescued at the port, needs \"safe\" housing", (string?)read["reason"]);
        Assert.Equal(["sexual", "physical"], read["violenceTypes"]!.AsArray().Select(v => (string?)v));
        Assert.Equal(16, (int)read["subject"]!["ageYears"]!);
        Assert.False((bool)read["subject"]!["disability"]!);
    }

    [Fact]
    public async Task SendCsv_WithAnUnknownColumn_ExitsWithUsage_AndSendsNothing()
    {
        var sender = await api.CreateAgencyAsync();
        var receiver = await api.CreateAgencyAsync();
        var csv = $"toAgencyId,urgency,victimName\r\n{receiver.Id},urgent,Siti\r\n";

        var result = await CliRunner.RunAsync(api, sender, "send", files.WriteText(csv, "rescue.csv"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("victimName", result.Error, StringComparison.Ordinal);
        var inbox = await CliRunner.RunAsync(api, receiver, "inbox", "--json");
        Assert.Empty(JsonNode.Parse(inbox.Out)!.AsArray());
    }

    [Fact]
    public async Task Export_WritesTheStreamToStandardOutput_AndWhereToResumeToStandardError()
    {
        var sender = await api.CreateAgencyAsync();
        var receiver = await api.CreateAgencyAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var sent = await CliRunner.RunAsync(api, sender, "send", files.Write(ReferralFiles.Body(receiver.Id), $"r{i}.json"), "--json");
            ids.Add((string)JsonNode.Parse(sent.Out)!["id"]!);
        }

        var csv = await CliRunner.RunAsync(api, receiver, "export", "--box", "inbox", "--since", "2026-11-01", "--format", "csv");
        var ndjson = await CliRunner.RunAsync(api, receiver, "export", "--box", "inbox", "--since", "2026-11-01");

        Assert.True(csv.ExitCode == 0, csv.ToString());
        var records = csv.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,caseId,", records[0], StringComparison.Ordinal);
        Assert.Equal(ids, records[1..].Select(r => r.Split(',')[0]));
        Assert.StartsWith("next: --since 20", csv.Error.Trim(), StringComparison.Ordinal);

        Assert.True(ndjson.ExitCode == 0, ndjson.ToString());
        var lines = ndjson.Lines.Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(ids, lines[..^1].Select(l => (string?)l["id"]));
        Assert.Equal(3, (int)lines[^1]["count"]!);
        var next = ndjson.Error.Trim()["next: --since ".Length..];
        var resumed = await CliRunner.RunAsync(api, receiver, "export", "--box", "inbox", "--since", next, "--json");
        Assert.Single(resumed.Lines);
    }

    [Fact]
    public async Task Export_WithABadSince_ExitsWithUsage()
    {
        var agency = await api.CreateAgencyAsync();

        var result = await CliRunner.RunAsync(api, agency, "export", "--since", "last week");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--since", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => files.Dispose();
}
