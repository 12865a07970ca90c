using System.Text.Json.Nodes;

namespace ReferralApi.Cli.Http;

/// <summary>The API answered 4xx; <see cref="Problem"/> is its problem+json body (or a stand-in when it sent none).</summary>
internal sealed class ApiProblemException(int status, JsonObject problem)
    : Exception((string?)problem["title"] ?? $"HTTP {status}")
{
    public int Status { get; } = status;

    public JsonObject Problem { get; } = problem;

    public string? Code => (string?)Problem["code"];
}
