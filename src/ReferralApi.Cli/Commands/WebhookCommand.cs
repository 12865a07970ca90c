using System.CommandLine;
using System.Text.Json.Nodes;
using ReferralApi.Cli.Webhooks;

namespace ReferralApi.Cli.Commands;

/// <summary><c>referral webhook verify --secret whsec_... &lt; delivery.txt</c>: checks a saved delivery's signature.</summary>
internal static class WebhookCommand
{
    public const string SecretVariable = "REFERRAL_WEBHOOK_SECRET";

    public static Command Create(CommonOptions common, CliContext context)
    {
        var secret = new Option<string>("--secret") { Description = $"The subscription's secret (whsec_...); default: ${SecretVariable}." };
        var maxAge = new Option<int>("--max-age")
        {
            Description = "Reject deliveries signed more than this many seconds from now (replay protection); 0 checks only the signature.",
            DefaultValueFactory = _ => 300,
        };
        var verify = new Command("verify", "Verify a delivery read from standard input: header lines, an empty line, then the body as received.")
        {
            secret, maxAge,
        };
        verify.SetAction((parse, ct) => Invocation.RunAsync(parse, context, common, async run =>
        {
            var key = parse.GetValue(secret) ?? context.Environment(SecretVariable)
                ?? throw CliException.Usage($"Give --secret or set {SecretVariable}.");
            var delivery = SavedDelivery.Parse(await context.Input.ReadToEndAsync(ct));
            var seconds = parse.GetValue(maxAge);
            TimeSpan? limit = seconds > 0 ? TimeSpan.FromSeconds(seconds) : null;
            if (SignatureCheck.Failure(delivery, key, limit, context.Time.GetUtcNow()) is { } failure)
            {
                await context.Error.WriteLineAsync("not verified: " + failure);
                return ExitCodes.NotVerified;
            }

            if (run.Json)
            {
                // The verified body, for the next step of the script's pipe.
                await run.Out.WriteLineAsync(delivery.Body.TrimEnd('\r', '\n'));
                return ExitCodes.Ok;
            }

            var type = TryType(delivery.Body);
            await run.Out.WriteLineAsync($"verified: webhook-id {delivery.Id}, timestamp {delivery.Timestamp}{(type is null ? "" : ", type " + type)}");
            return ExitCodes.Ok;
        }, ct));
        var webhook = new Command("webhook", "Webhook helpers.") { verify };
        return webhook;
    }

    private static string? TryType(string body)
    {
        try
        {
            return (string?)JsonNode.Parse(body)?["type"];
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
