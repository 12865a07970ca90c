using System.CommandLine;
using System.Text.Json.Nodes;

namespace ReferralApi.Cli.Commands;

/// <summary><c>referral ack ID received|accepted|declined [--reason-code ...]</c>: the receiver's answer.</summary>
internal static class AckCommand
{
    public static Command Create(CommonOptions common, CliContext context)
    {
        var id = new Argument<Guid>("id") { Description = "The referral's id." };
        var decision = new Argument<string>("decision") { Description = "received, accepted or declined." };
        decision.AcceptOnlyFromAmong("received", "accepted", "declined");
        var reasonCode = new Option<string>("--reason-code") { Description = "Why it was declined (required for declined), e.g. no_capacity." };
        var reason = new Option<string>("--reason") { Description = "Free text; required when the reason code is other." };
        var receiverReference = new Option<string>("--receiver-reference") { Description = "Your own file number for this referral." };
        var note = new Option<string>("--note") { Description = "A note to the sender." };
        var ifMatch = ReferralMove.IfMatchOption();
        var command = new Command("ack", "Acknowledge a referral you received: received, accepted or declined.")
        {
            id, decision, reasonCode, reason, receiverReference, note, ifMatch,
        };
        command.SetAction((parse, ct) => Invocation.RunAsync(parse, context, common, run =>
        {
            var body = new JsonObject { ["decision"] = parse.GetRequiredValue(decision) }
                .With("reasonCode", parse.GetValue(reasonCode))
                .With("reason", parse.GetValue(reason))
                .With("receiverReference", parse.GetValue(receiverReference))
                .With("note", parse.GetValue(note));
            return ReferralMove.RunAsync(run, parse.GetRequiredValue(id), "acknowledgement", body, parse.GetValue(ifMatch), ct);
        }, ct));
        return command;
    }
}
