using ReferralApi.Cli;

// Ctrl+C (or a scheduler stopping the task) ends `events --follow` cleanly, after the page it is on.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
return await CliApp.RunAsync(args, CliContext.FromProcess(), stop.Token);
