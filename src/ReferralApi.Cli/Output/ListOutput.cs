using System.Text.Json.Nodes;

namespace ReferralApi.Cli.Output;

/// <summary>
/// How the listing commands print every page: a table, or with <c>--json</c> one JSON array written
/// while the pages arrive (so a long inbox is never held in memory whole). The array is closed
/// only when the list is complete, so a run that failed half-way never looks finished.
/// </summary>
internal static class ListOutput
{
    public static async Task<int> WriteAsync(Invocation run, IAsyncEnumerable<JsonNode> items, Table table, Func<JsonNode, string?[]> row)
    {
        var count = 0;
        await foreach (var item in items)
        {
            if (run.Json)
            {
                await run.Out.WriteAsync(count++ == 0 ? "[\n  " : ",\n  ");
                await run.Out.WriteAsync(item.ToJsonString());
            }
            else
            {
                table.Add(row(item));
            }
        }

        if (run.Json)
        {
            await run.Out.WriteLineAsync(count == 0 ? "[]" : "\n]");
        }
        else
        {
            table.WriteTo(run.Out, run.Language);
        }

        return ExitCodes.Ok;
    }

    /// <summary>A list of codes as one cell: <c>psychosocial,safe_house</c>.</summary>
    public static string Codes(JsonNode? array) => string.Join(",", (array as JsonArray ?? []).Select(s => (string?)s));
}
