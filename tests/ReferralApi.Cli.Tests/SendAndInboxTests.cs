using System.Text.Json.Nodes;
using ReferralApi.Cli.Tests.Support;

namespace ReferralApi.Cli.Tests;

/// <summary><c>referral send</c> and <c>referral inbox</c> against the real API over loopback.</summary>
public sealed class SendAndInboxTests(ApiHost api) : IClassFixture<ApiHost>, IDisposable
{
    private readonly ReferralFiles files = new();

    [Fact]
    public async Task Send_ThenRecipientsInbox_ListsTheReferral()
    {
        var sender = await api.CreateAgencyAsync();
        var receiver = await api.CreateAgencyAsync();

        var sent = await CliRunner.RunAsync(api, sender, "send", files.Write(ReferralFiles.Body(receiver.Id)), "--json");
        Assert.True(sent.ExitCode == 0, sent.ToString());
        var id = (string)JsonNode.Parse(sent.Out)!["id"]!;

        var table = await CliRunner.RunAsync(api, receiver, "inbox");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.StartsWith("ID", table.Lines[0], StringComparison.Ordinal);
        var row = Assert.Single(table.Lines, l => l.StartsWith(id, StringComparison.Ordinal));
        Assert.Contains("sent", row, StringComparison.Ordinal);
        Assert.Contains(sender.Id.ToString(), row, StringComparison.Ordinal);

        var json = await CliRunner.RunAsync(api, receiver, "inbox", "--status", "sent", "--json");
        Assert.Equal(id, (string?)Assert.Single(JsonNode.Parse(json.Out)!.AsArray())!["id"]);

        var accepted = await CliRunner.RunAsync(api, receiver, "inbox", "--status", "accepted", "--json");
        Assert.Empty(JsonNode.Parse(accepted.Out)!.AsArray());
    }

    [Fact]
    public async Task Inbox_FetchesEveryPage()
    {
        var sender = await api.CreateAgencyAsync();
        var receiver = await api.CreateAgencyAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var sent = await CliRunner.RunAsync(api, sender, "send", files.Write(ReferralFiles.Body(receiver.Id), $"r{i}.json"), "--json");
            ids.Add((string)JsonNode.Parse(sent.Out)!["id"]!);
        }

        var inbox = await CliRunner.RunAsync(api, receiver, "inbox", "--json", "--page-size", "2");

        Assert.True(inbox.ExitCode == 0, inbox.ToString());
        var listed = JsonNode.Parse(inbox.Out)!.AsArray().Select(r => (string)r!["id"]!).ToList();
        Assert.Equal(ids.Order(), listed.Order());
    }

    [Fact]
    public async Task Send_SameFileTwice_CreatesOneReferral_AndSaysSo()
    {
        var sender = await api.CreateAgencyAsync();
        var receiver = await api.CreateAgencyAsync();
        var path = files.Write(ReferralFiles.Body(receiver.Id));

        var first = await CliRunner.RunAsync(api, sender, "send", path);
        // The same file re-saved with other spacing is the same request.
        File.WriteAllText(path, JsonNode.Parse(File.ReadAllText(path))!.ToJsonString(new() { WriteIndented = true }));
        var second = await CliRunner.RunAsync(api, sender, "send", path);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("created", first.Out, StringComparison.Ordinal);
        Assert.Contains("already sent earlier", second.Out, StringComparison.Ordinal);
        var inbox = await CliRunner.RunAsync(api, receiver, "inbox", "--json");
        Assert.Single(JsonNode.Parse(inbox.Out)!.AsArray());
    }

    [Fact]
    public async Task Send_InvalidReferral_PrintsTheProblemInIndonesian_AndExits2()
    {
        var sender = await api.CreateAgencyAsync();
        var receiver = await api.CreateAgencyAsync();
        var body = ReferralFiles.Body(receiver.Id);
        body["subject"]!.AsObject().Remove("sex");

        var result = await CliRunner.RunAsync(api, sender, "send", files.Write(body), "--lang", "id");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("galat: Permintaan tidak valid. (400, validation-failed)", result.Error, StringComparison.Ordinal);
        Assert.Contains("$.subject.sex: Kolom ini wajib diisi.", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public async Task Send_InvalidReferral_WithJson_PrintsTheProblemBody()
    {
        var sender = await api.CreateAgencyAsync();
        var body = ReferralFiles.Body(Guid.NewGuid());
        body["urgency"] = "someday";

        var result = await CliRunner.RunAsync(api, sender, "send", files.Write(body), "--json");

        Assert.Equal(2, result.ExitCode);
        var problem = JsonNode.Parse(result.Error)!;
        Assert.Equal("validation-failed", (string?)problem["code"]);
        Assert.NotNull(problem["errors"]?["$.urgency"]);
    }

    [Fact]
    public async Task Send_FileThatIsNotJson_ExitsWithUsage()
    {
        var sender = await api.CreateAgencyAsync();

        var result = await CliRunner.RunAsync(api, sender, "send", files.WriteText("toAgencyId=1", "referral.json"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not valid JSON", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agencies_FiltersByServiceAndRegion()
    {
        var wanted = await api.CreateAgencyAsync(regionCode: "61.03", services: ["safe_house"]);
        var otherRegion = await api.CreateAgencyAsync(regionCode: "61.01", services: ["safe_house"]);
        var otherService = await api.CreateAgencyAsync(regionCode: "61.03", services: ["legal_aid"]);

        var result = await CliRunner.RunAsync(api, wanted, "agencies", "--service", "safe_house", "--region", "61.03");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(result.Lines, l => l.Contains(wanted.Code, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Lines, l => l.Contains(otherRegion.Code, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Lines, l => l.Contains(otherService.Code, StringComparison.Ordinal));
    }

    public void Dispose() => files.Dispose();
}
