using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReferralApi.Cli.Sending;

/// <summary>What <c>referral send FILE</c> was given: one referral (JSON), or a batch (CSV or NDJSON).</summary>
internal enum ReferralFileKind
{
    Single,
    Batch,
}

/// <summary>Reads the input of <c>send</c> and tells a single referral from a batch by the file's extension.</summary>
internal static class ReferralFile
{
    private static readonly string[] BatchExtensions = [".csv", ".ndjson", ".jsonl"];

    public static ReferralFileKind KindOf(string path) =>
        BatchExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase) ? ReferralFileKind.Batch : ReferralFileKind.Single;

    /// <summary>The referral object of a JSON file, or a usage error naming what is wrong with the file.</summary>
    public static async Task<JsonObject> ReadSingleAsync(string path, TextReader stdin, CancellationToken ct)
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

        try
        {
            return JsonNode.Parse(text) as JsonObject
                ?? throw CliException.Usage($"{path} must hold one referral as a JSON object.");
        }
        catch (JsonException e)
        {
            throw CliException.Usage($"{path} is not valid JSON: {e.Message}");
        }
    }
}
