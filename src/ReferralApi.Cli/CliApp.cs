using System.CommandLine;
using ReferralApi.Cli.Commands;

namespace ReferralApi.Cli;

/// <summary>
/// The <c>referral</c> command tree. Each command lives in its own file under <c>Commands/</c>.
/// </summary>
internal static class CliApp
{
    public static RootCommand Build(CliContext context)
    {
        var common = new CommonOptions();
        var root = new RootCommand("Referral API client for scripted exchange: configure with REFERRAL_API_URL and REFERRAL_API_KEY (or REFERRAL_API_TOKEN).");
        common.AddTo(root);
        root.Subcommands.Add(AgenciesCommand.Create(common, context));
        root.Subcommands.Add(SendCommand.Create(common, context));
        root.Subcommands.Add(InboxCommand.Create(common, context));
        root.Subcommands.Add(AckCommand.Create(common, context));
        root.Subcommands.Add(StatusCommand.Create(common, context));
        root.Subcommands.Add(ExportCommand.Create(common, context));
        root.Subcommands.Add(EventsCommand.Create(common, context));
        root.Subcommands.Add(WebhookCommand.Create(common, context));
        return root;
    }

    public static Task<int> RunAsync(string[] args, CliContext context, CancellationToken ct)
    {
        var parse = Build(context).Parse(args);
        var configuration = new InvocationConfiguration { Output = context.Out, Error = context.Error };
        return parse.InvokeAsync(configuration, ct);
    }
}
