using System.CommandLine;
using System.Globalization;
using ReferralApi.Cli.Http;
using ReferralApi.Cli.Output;

namespace ReferralApi.Cli.Commands;

/// <summary>
/// <c>referral export --box inbox --since 2026-11-01 --format csv &gt; nov.csv</c>: the API's export
/// streamed to standard output as it arrives, unchanged; where the next export should resume goes
/// to standard error (<c>next: --since ...</c>). An NDJSON export that ends without its trailer line
/// was cut short: exit code 3, and the same command may simply run again.
/// </summary>
internal static class ExportCommand
{
    /// <summary>West Kalimantan's time: a date given to --since or --until is a whole day there.</summary>
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    public static Command Create(CommonOptions common, CliContext context)
    {
        var box = new Option<string?>("--box") { Description = "inbox (received) or outbox (sent); both when left out." };
        box.AcceptOnlyFromAmong("inbox", "outbox");
        var since = new Option<string?>("--since") { Description = "Referrals changed after this: a date (midnight WIB starting it) or an RFC 3339 instant, e.g. the last run's next value." };
        var until = new Option<string?>("--until") { Description = "Referrals changed at or before this: a date (up to midnight WIB ending it) or an RFC 3339 instant." };
        var status = new Option<string?>("--status") { Description = "Only these statuses, comma-separated (sent,received,...)." };
        var format = new Option<string>("--format") { Description = "csv or ndjson (one referral per line, then a trailer line).", DefaultValueFactory = _ => "ndjson" };
        format.AcceptOnlyFromAmong("csv", "ndjson");
        var command = new Command("export", "Stream the agency's referrals changed in a period, as CSV or NDJSON, to standard output.") { box, since, until, status, format };
        command.SetAction((parse, ct) => Invocation.RunAsync(parse, context, common, async run =>
        {
            var query = QueryString.Empty
                .With("box", parse.GetValue(box))
                .With("status", parse.GetValue(status))
                .With("updatedAfter", Instant(parse.GetValue(since), "--since", endOfDay: false))
                .With("updatedBefore", Instant(parse.GetValue(until), "--until", endOfDay: true));
            var csv = parse.GetValue(format) == "csv";
            var output = new TrailerWatch(run.Out);
            var headers = await run.Api.DownloadAsync("v1/referrals/export" + query, csv ? "text/csv" : "application/x-ndjson", output, ct);
            if (!csv && !output.EndsWithTrailer)
            {
                throw new CliException(ExitCodes.Unavailable, "The export ended without its trailer line: it was cut short. Running the same command again is safe.");
            }

            if (headers.TryGetValues("Export-Next-Updated-After", out var next))
            {
                await run.Context.Error.WriteLineAsync($"next: --since {next.First()}");
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    /// <summary>An RFC 3339 instant as given, or a date as the WIB midnight starting (or, for --until, ending) it.</summary>
    private static string? Instant(string? value, string option, bool endOfDay)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            // updatedAfter is exclusive and updatedBefore inclusive, to the microsecond the API keeps:
            // one microsecond before the midnight starting the day (--since) or ending it (--until).
            var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Wib).AddDays(endOfDay ? 1 : 0);
            return midnight.AddTicks(-10).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? value
            : throw CliException.Usage($"{option} takes a date (2026-11-01) or an RFC 3339 instant (2026-11-01T00:00:00Z), not \"{value}\".");
    }
}
