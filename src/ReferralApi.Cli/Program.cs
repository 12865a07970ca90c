namespace ReferralApi.Cli;

/// <summary>The process entry point (a named class, so a test host that also loads the API sees one <c>Program</c> only).</summary>
internal static class EntryPoint
{
    public static async Task<int> Main(string[] args)
    {
        // Ctrl+C (or a scheduler stopping the task) ends `events --follow` cleanly, after the page it is on.
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        return await CliApp.RunAsync(args, CliContext.FromProcess(), stop.Token);
    }
}
