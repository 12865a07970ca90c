using System.Text.Json.Nodes;

namespace ReferralApi.Cli.Output;

/// <summary>
/// With <c>--json</c>, a list is written as one JSON array while its pages arrive, so a long inbox
/// is never held in memory whole; without it, nothing is written here. The array is closed only
/// when the list is complete, so a run that failed half-way never looks finished.
/// </summary>
internal sealed class JsonList(Invocation run)
{
    private int count;

    public void Add(JsonNode item)
    {
        if (!run.Json)
        {
            return;
        }

        run.Out.Write(count++ == 0 ? "[\n  " : ",\n  ");
        run.Out.Write(item.ToJsonString());
    }

    public async Task CompleteAsync()
    {
        if (run.Json)
        {
            await run.Out.WriteLineAsync(count == 0 ? "[]" : "\n]");
        }
    }
}
