using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Input;

/// <summary>
/// What every error answer must look like: RFC 9457 problem+json carrying <c>type</c>, <c>title</c>,
/// <c>status</c>, <c>code</c> and <c>traceId</c>, and nothing from the inside of the server.
/// </summary>
public static class ProblemAssert
{
    /// <summary>Text that only a leaked exception, stack trace or SQL statement would put in a body.</summary>
    private static readonly string[] InternalMarkers =
    [
        "   at ", ".cs:line", "StackTrace", "Exception", "ReferralApi.", "System.", "Microsoft.",
        "SELECT ", "INSERT ", "UPDATE ", "DELETE ", " FROM ", " WHERE ", "ux_", "from_agency_id",
        "external_reference", "constraint", "SQLite", "Npgsql", "23505",
    ];

    /// <summary>Asserts the status and problem code and the common shape; returns the body.</summary>
    public static async Task<JsonNode> ExpectAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync(Http.Ct);
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {code}, got {(int)response.StatusCode}: {text}");
        var body = Shape(response, text);
        Assert.Equal(code, (string?)body["code"]);
        return body;
    }

    /// <summary>Asserts a 400 validation problem whose <c>errors</c> name every given path; returns the body.</summary>
    public static async Task<JsonNode> ExpectValidationAsync(HttpResponseMessage response, params string[] paths)
    {
        var body = await ExpectAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        var errors = body["errors"] as JsonObject;
        Assert.True(errors is { Count: > 0 }, $"A validation problem lists its errors: {body.ToJsonString()}");
        foreach (var path in paths)
        {
            Assert.True(errors.ContainsKey(path), $"errors should name {path}: {errors.ToJsonString()}");
        }

        return body;
    }

    /// <summary>A problem's type is the absolute URI of its page, /problems/{code}, on the API's origin.</summary>
    public static void TypeNames(JsonNode problem, string code)
    {
        var type = (string?)problem["type"];
        Assert.True(Uri.TryCreate(type, UriKind.Absolute, out var uri), $"type should be an absolute URI: {type}");
        Assert.EndsWith("/problems/" + code, uri.AbsolutePath, StringComparison.Ordinal);
    }

    /// <summary>The messages given for one path of a validation problem.</summary>
    public static string[] Messages(JsonNode problem, string path) =>
        [.. problem["errors"]![path]!.AsArray().Select(m => (string)m!)];

    /// <summary>Asserts the common shape of any problem answer, whatever its status; returns the parsed body.</summary>
    public static JsonNode Shape(HttpResponseMessage response, string text)
    {
        var status = (int)response.StatusCode;
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"{status} should be application/problem+json, was {response.Content.Headers.ContentType}: {text}");

        JsonNode? body;
        try
        {
            body = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            Assert.Fail($"{status} problem body is not JSON ({e.Message}): {text}");
            throw;
        }

        Assert.True(body is JsonObject, $"{status} problem body is not an object: {text}");
        var code = (string?)body["code"];
        Assert.False(string.IsNullOrEmpty(code), $"{status} problem lacks code: {text}");
        TypeNames(body, code);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["title"]), $"{status} problem lacks title: {text}");
        Assert.Equal(status, (int?)body["status"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["traceId"]), $"{status} problem lacks traceId: {text}");
        // The traceId is random hex and may contain a marker such as "23505" by chance; look past it.
        var withoutTraceId = body.DeepClone().AsObject();
        withoutTraceId.Remove("traceId");
        var inspected = withoutTraceId.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        foreach (var marker in InternalMarkers)
        {
            Assert.False(inspected.Contains(marker, StringComparison.Ordinal), $"{status} problem leaks '{marker}': {text}");
        }

        return body;
    }
}
