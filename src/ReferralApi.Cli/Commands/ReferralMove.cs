using System.CommandLine;
using System.Text.Json.Nodes;
using ReferralApi.Cli.Http;
using ReferralApi.Cli.Output;

namespace ReferralApi.Cli.Commands;

/// <summary>
/// What <c>ack</c> and <c>status</c> share: the version the move is decided on (given with
/// <c>--if-match</c>, or read from <c>GET /v1/referrals/{id}/status</c>), the move posted with
/// <c>If-Match</c> and a derived idempotency key, and the answer printed. A 412 means the referral
/// changed after that version: the CLI reports it rather than overwrite a change nobody looked at.
/// </summary>
internal static class ReferralMove
{
    public static Option<int?> IfMatchOption() => new("--if-match")
    {
        Description = "The referral version the decision is based on (as shown by inbox); default: its current version.",
    };

    public static async Task<int> RunAsync(Invocation run, Guid id, string route, JsonObject body, int? version, CancellationToken ct)
    {
        if (version is null)
        {
            var current = (await run.Api.GetAsync($"v1/referrals/{id}/status", ct)).RequiredBody;
            version = (int?)current["version"] ?? throw new CliException(ExitCodes.Unavailable, "The API's status answer has no version.");
        }

        var key = IdempotencyKey.For(route, body, id.ToString(), version.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var response = await run.Api.PostAsync($"v1/referrals/{id}/{route}", body, new WriteOptions(key, version), ct);
        var referral = response.RequiredBody;
        if (run.Json)
        {
            await run.Out.WriteLineAsync(referral.ToJsonString());
            return ExitCodes.Ok;
        }

        var table = new Table("ID", "STATUS", "VERSION", "ALLOWED NEXT");
        table.Add((string?)referral["id"], (string?)referral["status"], referral["version"]?.ToJsonString(),
            ListOutput.Codes(referral["allowedActions"]));
        table.WriteTo(run.Out, run.Language);
        return ExitCodes.Ok;
    }

    /// <summary>Adds <paramref name="name"/> to the body when the option was given.</summary>
    public static JsonObject With(this JsonObject body, string name, string? value)
    {
        if (value is not null)
        {
            body[name] = value;
        }

        return body;
    }
}
