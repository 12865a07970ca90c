using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace ReferralApi.Cli.Http;

/// <summary>A successful answer, its body already read (so the response can be disposed at once).</summary>
internal sealed record ApiResponse(int Status, JsonNode? Body, HttpResponseHeaders Headers)
{
    /// <summary>True when the API answered a stored result for a repeated idempotency key.</summary>
    public bool Replayed => Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Contains("true");

    public JsonNode RequiredBody => Body ?? throw new CliException(ExitCodes.Unavailable, $"The API answered {Status} without a body.");
}
