using System.CommandLine;
using System.Text.Json.Nodes;

namespace ReferralApi.Cli.Commands;

/// <summary><c>referral status ID in_progress|on_hold|completed|failed|cancelled [--reason-code ...] [--outcome ...]</c>.</summary>
internal static class StatusCommand
{
    public static Command Create(CommonOptions common, CliContext context)
    {
        var id = new Argument<Guid>("id") { Description = "The referral's id." };
        var status = new Argument<string>("status") { Description = "in_progress, on_hold, completed, failed or cancelled." };
        status.AcceptOnlyFromAmong("in_progress", "on_hold", "completed", "failed", "cancelled");
        var reasonCode = new Option<string>("--reason-code") { Description = "Required for on_hold, failed and cancelled, e.g. safety_risk." };
        var reason = new Option<string>("--reason") { Description = "Free text; required when the reason code is other." };
        var outcome = new Option<string>("--outcome") { Description = "What was done; required for completed." };
        var ifMatch = ReferralMove.IfMatchOption();
        var command = new Command("status", "Move a referral on: in_progress, on_hold, completed, failed (receiver) or cancelled (sender).")
        {
            id, status, reasonCode, reason, outcome, ifMatch,
        };
        command.SetAction((parse, ct) => Invocation.RunAsync(parse, context, common, run =>
        {
            var body = new JsonObject { ["status"] = parse.GetRequiredValue(status) }
                .With("reasonCode", parse.GetValue(reasonCode))
                .With("reason", parse.GetValue(reason))
                .With("outcome", parse.GetValue(outcome));
            return ReferralMove.RunAsync(run, parse.GetRequiredValue(id), "status", body, parse.GetValue(ifMatch), ct);
        }, ct));
        return command;
    }
}
