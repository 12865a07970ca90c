using System.CommandLine;
using ReferralApi.Cli.Http;
using ReferralApi.Cli.Output;
using ReferralApi.Cli.Sending;

namespace ReferralApi.Cli.Commands;

/// <summary>
/// <c>referral send FILE</c>: one referral from a JSON file. A CSV or NDJSON file is a batch; its
/// path (<see cref="SendBatchAsync"/>) will post to <c>POST /v1/referrals/batch</c> once the API has it.
/// </summary>
internal static class SendCommand
{
    public static Command Create(CommonOptions common, CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The referral as a JSON file (the body of POST /v1/referrals); - reads standard input." };
        var command = new Command("send", "Send a referral; re-running it with the same file sends nothing twice.") { file };
        command.SetAction((parse, ct) => Invocation.RunAsync(parse, context, common, run =>
        {
            var path = parse.GetRequiredValue(file);
            return ReferralFile.KindOf(path) switch
            {
                ReferralFileKind.Batch => SendBatchAsync(path),
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

    private static Task<int> SendBatchAsync(string path) =>
        throw CliException.Usage(
            $"{Path.GetFileName(path)} is a batch file (CSV or NDJSON). This API does not offer batch sending (POST /v1/referrals/batch) yet; " +
            "send each referral as its own JSON file for now.");
}
