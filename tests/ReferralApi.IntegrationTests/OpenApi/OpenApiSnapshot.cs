using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReferralApi.IntegrationTests.OpenApi;

/// <summary>
/// The committed copy of the served OpenAPI document, <c>openapi/referral-api.v1.json</c>, and the one
/// text form both are compared in: indented by two spaces, LF line ends, non-ASCII kept readable.
/// </summary>
public static class OpenApiSnapshot
{
    public const string RelativePath = "openapi/referral-api.v1.json";
    public const string RefreshCommand = "scripts/update-openapi.sh";
    public const string UpdateVariable = "REFERRAL_UPDATE_OPENAPI";

    private static readonly JsonSerializerOptions Format = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",

        // The file is read by people and diffed in review; escaping every non-ASCII letter and '<'
        // would make it unreadable, and it is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>True when the run should rewrite the committed file instead of checking it.</summary>
    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>The committed file's location, found from the test binaries by walking up to the solution.</summary>
    public static string FilePath
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ReferralApi.sln")))
                {
                    return Path.Combine(dir.FullName, RelativePath);
                }
            }

            throw new InvalidOperationException($"ReferralApi.sln not found above {AppContext.BaseDirectory}.");
        }
    }

    public static string Normalize(string json) =>
        (JsonNode.Parse(json) ?? throw new InvalidOperationException("The OpenAPI document is empty.")).ToJsonString(Format) + "\n";

    /// <summary>The first line where the texts part, for a failure message that points somewhere.</summary>
    public static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var committed = i < expectedLines.Length ? expectedLines[i] : "(end of file)";
            var served = i < actualLines.Length ? actualLines[i] : "(end of document)";
            if (committed != served)
            {
                return $"line {i + 1}: committed `{committed.Trim()}`, served `{served.Trim()}`";
            }
        }

        return "no line differs";
    }
}
