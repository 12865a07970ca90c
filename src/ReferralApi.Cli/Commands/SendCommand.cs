using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using ReferralApi.Cli.Http;
using ReferralApi.Cli.Output;
using ReferralApi.Cli.Sending;

namespace ReferralApi.Cli.Commands;

/// <summary>
/// <c>referral send FILE</c>: one referral from a JSON file, or a batch from a CSV or NDJSON file,
/// posted to <c>POST /v1/referrals/batch</c> 500 at a time (<see cref="SendBatchAsync"/>).
/// </summary>
internal static class SendCommand
{
    /// <summary>The most one POST /v1/referrals/batch takes.</summary>
    private const int MaxBatch = 500;

    public static Command Create(CommonOptions common, CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The referral as a JSON file (the body of POST /v1/referrals); - reads standard input." };
        var command = new Command("send", "Send a referral; re-running it with the same file sends nothing twice.") { file };
        command.SetAction((parse, ct) => Invocation.RunAsync(parse, context, common, run =>
        {
            var path = parse.GetRequiredValue(file);
            return ReferralFile.KindOf(path) switch
            {
                ReferralFileKind.Batch => SendBatchAsync(run, path, ct),
                _ => SendOneAsync(run, path, ct),
            };
        }, ct));
        return command;
    }

    private static async Task<int> SendOneAsync(Invocation run, string path, CancellationToken ct)
    {
        var body = await ReferralFile.ReadSingleAsync(path, run.Context.Input, ct);
        var response = await run.Api.PostAsync("v1/referrals", body, new WriteOptions(IdempotencyKey.For("send", body)), ct);
        var created = response.RequiredBody;
        if (run.Json)
        {
            await run.Out.WriteLineAsync(created.ToJsonString());
            return ExitCodes.Ok;
        }

        var table = new Table("ID", "STATUS", "VERSION", "TO", "RESPOND BY", "NOTE");
        table.Add((string?)created["id"], (string?)created["status"], created["version"]?.ToJsonString(), (string?)created["toAgencyId"],
            (string?)created["respondBy"], response.Replayed ? "already sent earlier (same file): nothing new created" : "created");
        table.WriteTo(run.Out, run.Language);
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Each chunk carries an idempotency key derived from its referrals, and every referral of a batch
    /// needs its externalReference, so a re-run of the same file creates nothing twice: referrals sent
    /// before answer "already sent earlier". Exit code 2 when any referral was refused.
    /// </summary>
    private static async Task<int> SendBatchAsync(Invocation run, string path, CancellationToken ct)
    {
        var referrals = await BatchFile.ReadAsync(path, run.Context.Input, ct);
        var results = new JsonArray();
        var table = new Table("LINE", "STATUS", "ID", "NOTE");
        foreach (var chunk in referrals.Chunk(MaxBatch))
        {
            var body = new JsonArray([.. chunk.Select(c => (JsonNode)c.Referral.DeepClone())]);
            var response = await run.Api.PostAsync("v1/referrals/batch", body, new WriteOptions(IdempotencyKey.For("send-batch", body)), ct);
            foreach (var result in response.RequiredBody["results"]?.AsArray() ?? [])
            {
                var line = chunk[(int)result!["index"]!].Line;
                var outcome = result.DeepClone().AsObject();
                outcome.Insert(0, "line", line);
                results.Add(outcome);
                table.Add(line.ToString(CultureInfo.InvariantCulture), result["status"]?.ToJsonString(), (string?)result["id"], Note(result));
            }
        }

        if (run.Json)
        {
            await run.Out.WriteLineAsync(results.ToJsonString());
        }
        else
        {
            table.WriteTo(run.Out, run.Language);
        }

        return results.All(r => (int)r!["status"]! == 201) ? ExitCodes.Ok : ExitCodes.Refused;
    }

    private static string Note(JsonNode result)
    {
        if (result["problem"] is not { } problem)
        {
            return result["replayed"] is not null ? "already sent earlier: nothing new created" : "created";
        }

        var fields = (problem["errors"] as JsonObject ?? []).Select(e => $"{e.Key}: {string.Join(" ", (e.Value as JsonArray ?? []).Select(m => (string?)m))}");
        return string.Join("; ", [(string?)problem["title"] ?? (string?)problem["code"] ?? "refused", .. fields]);
    }
}
