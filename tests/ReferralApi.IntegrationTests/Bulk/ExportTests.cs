using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Input;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Bulk;

/// <summary><c>GET /v1/referrals/export</c>: the caller's box, streamed, in the single-read shape, resumable, logged.</summary>
public abstract class ExportTests<TEngine>(ExportFixture<TEngine> fx) : IClassFixture<ExportFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task Ndjson_HoldsEachReferralAsTheSingleReadShowsIt_OldestChangeFirst_ThenTheTrailer()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver)));
        }

        await Scenario.AcknowledgeAsync(receiver, ids[1], "accepted");

        var (lines, trailer, resume) = await ExportReading.NdjsonAsync(receiver, "?box=inbox");

        Assert.Equal([ids[0], ids[2], ids[3], ids[4], ids[1]], lines.Select(Scenario.IdOf));
        foreach (var line in lines)
        {
            var single = await ReferralSteps.GetAsync(receiver, Scenario.IdOf(line));
            Assert.True(JsonNode.DeepEquals(single, line), $"{line.ToJsonString()}\n!=\n{single.ToJsonString()}");
        }

        Assert.Null(lines[0]["subject"]!["fullName"]);
        Assert.Equal("Siti Aminah Testdata", (string?)lines[^1]["subject"]!["fullName"]);
        Assert.Equal(5, (int)trailer["count"]!);
        Assert.Null(trailer["id"]);
        Assert.Equal(resume, (string?)trailer["nextUpdatedAfter"]);
    }

    [Fact]
    public async Task Resuming_FromTheAnswer_ExportsOnlyWhatChangedSince()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var first = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));
        var second = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));
        var (_, _, resume) = await ExportReading.NdjsonAsync(sender, "?box=outbox");
        await Task.Delay(5, Http.Ct);

        await Scenario.AcknowledgeAsync(receiver, second, "received");
        var (changed, trailer, _) = await ExportReading.NdjsonAsync(sender, $"?box=outbox&updatedAfter={Uri.EscapeDataString(resume)}");
        var (nothingNew, _, _) = await ExportReading.NdjsonAsync(sender, $"?box=outbox&updatedAfter={Uri.EscapeDataString((string)trailer["nextUpdatedAfter"]!)}");

        Assert.Equal([second], changed.Select(Scenario.IdOf));
        Assert.Equal("received", (string?)changed[0]["status"]);
        Assert.Empty(nothingNew);
        var (early, _, _) = await ExportReading.NdjsonAsync(sender, $"?box=outbox&updatedBefore={Uri.EscapeDataString(resume)}&status=sent");
        Assert.Equal([first], early.Select(Scenario.IdOf));
    }

    [Fact]
    public async Task OnlyTheCallersBox_IsExported_AndEachExportedReferralIsLogged()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        using var stranger = await fx.CreateAgencyAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver)));
        }

        var (strangers, strangerTrailer, _) = await ExportReading.NdjsonAsync(stranger, "");
        var (inbox, _, _) = await ExportReading.NdjsonAsync(sender, "?box=inbox");
        var (outbox, _, _) = await ExportReading.NdjsonAsync(sender, "?box=outbox");

        Assert.Empty(strangers);
        Assert.Equal(0, (int)strangerTrailer["count"]!);
        Assert.Empty(inbox);
        Assert.Equal(ids, outbox.Select(Scenario.IdOf));
        foreach (var id in ids)
        {
            using var log = await sender.Client.GetAsync($"/v1/referrals/{id}/access-log", Http.Ct);
            var actions = (await log.ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray().Select(e => (string?)e!["action"]);
            Assert.Equal(1, actions.Count(a => a == "export"));
        }
    }

    [Fact]
    public async Task Csv_IsRfc4180WithTheDocumentedColumns_AndIndonesianLabelsWhenAsked()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var tricky = "Needs \"safe\" shelter, urgently;\nthen counselling.";
        var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver, b => b["reason"] = tricky));

        var (records, resume) = await ExportReading.CsvAsync(sender, "?box=outbox");
        var (labelled, _) = await ExportReading.CsvAsync(sender, "?box=outbox", "id");

        var header = records[0];
        Assert.Equal(["id", "caseId", "previousReferralId", "fromAgencyId", "toAgencyId", "externalReference"], header[..6]);
        Assert.Equal(2, records.Count);
        var row = header.Zip(records[1]).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal(id.ToString(), row["id"]);
        Assert.Equal(tricky, row["reason"]);
        Assert.Equal("sexual;trafficking", row["violenceTypes"]);
        Assert.Equal("urgent", row["urgency"]);
        Assert.Equal("Siti Aminah Testdata", row["subjectFullName"]);
        Assert.Equal("true", row["traffickingCrossBorder"]);
        Assert.DoesNotContain("urgencyLabel", header);
        Assert.NotEmpty(resume);

        var labels = labelled[0].Zip(labelled[1]).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal(header, labelled[0][..header.Length]);
        Assert.Equal("Segera", labels["urgencyLabel"]);
        Assert.Equal("Terkirim", labels["statusLabel"]);
        Assert.Equal("Seksual;Perdagangan orang", labels["violenceTypesLabel"]);
        Assert.Equal("Perempuan", labels["subjectSexLabel"]);
    }

    [Fact]
    public async Task AReferralChangedDuringTheExport_AppearsOnce_AsItWasWhenTheExportBegan()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 3 * ExportFixture<TEngine>.RowsPerBatch; i++)
        {
            ids.Add(Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver)));
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/referrals/export?box=inbox");
        request.Headers.Add("Accept", "application/x-ndjson");
        using var response = await receiver.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Http.Ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Http.Ct));
        var lines = new List<JsonNode> { JsonNode.Parse((await reader.ReadLineAsync(Http.Ct))!)! };

        // The first referral is already out; the last is not: both change now.
        await Scenario.AcknowledgeAsync(receiver, ids[0], "accepted");
        await Scenario.AcknowledgeAsync(receiver, ids[^1], "accepted");
        while (await reader.ReadLineAsync(Http.Ct) is { } line)
        {
            lines.Add(JsonNode.Parse(line)!);
        }

        var referrals = lines[..^1];
        Assert.Equal(ids, referrals.Select(Scenario.IdOf));
        Assert.All(referrals, r => Assert.Equal("sent", (string?)r["status"]));
        var (resumed, _, _) = await ExportReading.NdjsonAsync(receiver, $"?box=inbox&updatedAfter={Uri.EscapeDataString((string)lines[^1]["nextUpdatedAfter"]!)}");
        Assert.Equal([ids[0], ids[^1]], resumed.Select(Scenario.IdOf));
    }

    [Theory]
    [InlineData("box=both", "box")]
    [InlineData("status=lost", "status")]
    [InlineData("updatedAfter=2026-11-01", "updatedAfter")]
    [InlineData("updatedBefore=yesterday", "updatedBefore")]
    [InlineData("limit=10", "limit")]
    public async Task BadQuery_Returns400NamingTheParameter(string query, string parameter)
    {
        using var agency = await fx.CreateAgencyAsync();

        using var response = await agency.Client.GetAsync($"/v1/referrals/export?{query}", ("Accept", "application/x-ndjson"));

        await ProblemAssert.ExpectValidationAsync(response, parameter);
    }
}

public sealed class ExportTests_Sqlite(ExportFixture<Sqlite> fx) : ExportTests<Sqlite>(fx);

public sealed class ExportTests_Postgres(ExportFixture<Postgres> fx) : ExportTests<Postgres>(fx);

public sealed class ExportTests_SqlServer(ExportFixture<SqlServer> fx) : ExportTests<SqlServer>(fx);
