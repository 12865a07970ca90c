using System.CommandLine;
using ReferralApi.Cli.Http;
using ReferralApi.Cli.Output;

namespace ReferralApi.Cli.Commands;

/// <summary><c>referral inbox [--status sent] [--urgency ...] [--overdue] [--json]</c>: every referral received, all pages.</summary>
internal static class InboxCommand
{
    public static Command Create(CommonOptions common, CliContext context)
    {
        var status = new Option<string>("--status") { Description = "Only referrals in this status (e.g. sent, accepted)." };
        var urgency = new Option<string>("--urgency") { Description = "Only referrals of this urgency (emergency, urgent, routine)." };
        var overdue = new Option<bool>("--overdue") { Description = "Only referrals past their respondBy without an answer." };
        var updatedAfter = new Option<string>("--updated-after") { Description = "Only referrals changed after this RFC 3339 time." };
        var command = new Command("inbox", "List the referrals your agency received (newest activity first, every page).")
        {
            status, urgency, overdue, updatedAfter,
        };
        command.Options.Add(common.PageSize);
        command.SetAction((parse, ct) => Invocation.RunAsync(parse, context, common, run =>
        {
            var filter = QueryString.Empty
                .With("box", "inbox")
                .With("status", parse.GetValue(status))
                .With("urgency", parse.GetValue(urgency))
                .With("overdue", parse.GetValue(overdue) ? "true" : null)
                .With("updatedAfter", parse.GetValue(updatedAfter));
            var table = new Table("ID", "STATUS", "VERSION", "URGENCY", "FROM", "INITIALS", "RESPOND BY", "OVERDUE");
            return ListOutput.WriteAsync(run, run.Api.ListAllAsync("v1/referrals", filter, parse.GetValue(common.PageSize), ct), table, referral =>
            [
                (string?)referral["id"], (string?)referral["status"], referral["version"]?.ToJsonString(), (string?)referral["urgency"],
                (string?)referral["fromAgencyId"], (string?)referral["subjectInitials"], (string?)referral["respondBy"],
                (bool?)referral["overdue"] == true ? "yes" : "no",
            ]);
        }, ct));
        return command;
    }
}
