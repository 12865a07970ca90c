using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;

namespace ReferralApi.Cli.Sending;

/// <summary>
/// The referrals of a batch file, each with the line it came from: NDJSON (<c>.ndjson</c>,
/// <c>.jsonl</c>: one create per non-blank line) or CSV (<c>.csv</c>: a header row naming
/// <see cref="CsvReferralColumns"/>, one referral per record). A line that cannot be read stops
/// the run before anything is sent, naming the line.
/// </summary>
internal static class BatchFile
{
    public static async Task<IReadOnlyList<(int Line, JsonObject Referral)>> ReadAsync(string path, TextReader stdin, CancellationToken ct)
    {
        string text;
        try
        {
            text = path == "-" ? await stdin.ReadToEndAsync(ct) : await File.ReadAllTextAsync(path, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage($"Cannot read {path}: {e.Message}");
        }

        var items = Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase) ? FromCsv(path, text) : FromLines(path, text);
        return items.Count > 0 ? items : throw CliException.Usage($"{path} holds no referral.");
    }

    private static List<(int, JsonObject)> FromLines(string path, string text)
    {
        var items = new List<(int, JsonObject)>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            try
            {
                items.Add((i + 1, JsonNode.Parse(lines[i]) as JsonObject ?? throw CliException.Usage($"{path}:{i + 1}: a line must hold one referral as a JSON object.")));
            }
            catch (JsonException e)
            {
                throw CliException.Usage($"{path}:{i + 1}: not valid JSON: {e.Message}");
            }
        }

        return items;
    }

    private static List<(int, JsonObject)> FromCsv(string path, string text)
    {
        using var csv = CsvReader.FromText(text, new CsvReaderOptions { TrackLineNumbers = true });
        var items = new List<(int, JsonObject)>();
        IReadOnlyList<string>? headers = null;
        while (csv.Read())
        {
            headers ??= CsvReferralColumns.Check(path, [.. csv.Headers]);
            var line = (int)csv.LineNumber;
            var values = Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray();
            items.Add((line, CsvReferralColumns.ToReferral($"{path}:{line}", headers, values)));
        }

        return items;
    }
}
