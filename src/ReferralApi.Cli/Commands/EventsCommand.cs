using System.CommandLine;
using ReferralApi.Cli.Events;
using ReferralApi.Cli.Http;

namespace ReferralApi.Cli.Commands;

/// <summary>
/// <c>referral events [--follow] [--state-file feed.cursor]</c>: the agency's event feed as NDJSON,
/// one event per line. Each page is printed and flushed, then its cursor saved, so the next run
/// starts after the last printed event. A run killed between the two prints that page again on
/// its next start (at most one page); consumers that must be exact skip event ids already seen.
/// </summary>
internal static class EventsCommand
{
    public const int PageSize = 100;

    public static Command Create(CommonOptions common, CliContext context)
    {
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep polling for new events until stopped (Ctrl+C); without it, print what is there and exit." };
        var stateFile = new Option<string>("--state-file") { Description = "File keeping the feed position between runs (created on first use)." };
        var types = new Option<string>("--types") { Description = "Only these event types, comma-separated (e.g. referral.created,referral.accepted)." };
        var interval = new Option<int>("--interval")
        {
            Description = "Seconds between polls when the feed is drained (with --follow).",
            DefaultValueFactory = _ => 10,
        };
        interval.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 3600)
            {
                result.AddError("--interval must be between 1 and 3600 seconds.");
            }
        });
        var command = new Command("events", "Print the event feed as NDJSON, resuming from a state file.") { follow, stateFile, types, interval };
        command.SetAction((parse, ct) => Invocation.RunAsync(parse, context, common, async run =>
        {
            var path = parse.GetValue(stateFile);
            using var state = path is null ? null : CursorStateFile.Open(path);
            var cursor = state?.Read();
            var wait = TimeSpan.FromSeconds(parse.GetValue(interval));
            while (true)
            {
                var query = QueryString.Empty.With("limit", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .With("types", parse.GetValue(types)).With("cursor", cursor);
                var page = (await run.Api.GetAsync("v1/events" + query, ct)).RequiredBody;
                var items = page["items"]?.AsArray() ?? [];
                foreach (var item in items)
                {
                    await run.Out.WriteLineAsync(item!.ToJsonString());
                }

                if (items.Count > 0)
                {
                    // Printed first, saved second: an event is never saved as seen before it was printed.
                    await run.Out.FlushAsync(ct);
                    cursor = (string?)page["nextCursor"] ?? cursor;
                    if (cursor is not null)
                    {
                        state?.Save(cursor);
                    }
                }

                if (items.Count < PageSize)
                {
                    if (!parse.GetValue(follow))
                    {
                        return ExitCodes.Ok;
                    }

                    await Task.Delay(wait, run.Context.Time, ct);
                }
            }
        }, ct));
        return command;
    }
}
