using System.Text.Json.Nodes;

namespace ReferralApi.IntegrationTests.Input;

/// <summary>One operation of the OpenAPI document and the parameters it declares (path, query, header).</summary>
public sealed record FuzzOperation(HttpMethod Method, string Path, IReadOnlyList<FuzzParameter> Parameters)
{
    /// <summary>
    /// Every operation of a served OpenAPI document. Only <c>in</c> and <c>name</c> are read, so the
    /// document may describe schemas as it likes (plain strings, enums, arrays, references).
    /// </summary>
    public static List<FuzzOperation> AllOf(JsonNode document)
    {
        var operations = new List<FuzzOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            var shared = Declared(item!["parameters"]);
            foreach (var (method, operation) in item.AsObject())
            {
                if (method is "parameters" or "summary" or "description" or "servers")
                {
                    continue;
                }

                var own = Declared(operation!["parameters"]);
                var merged = own.Concat(shared.Where(s => !own.Any(o => o.In == s.In && o.Name == s.Name))).ToList();
                operations.Add(new FuzzOperation(new HttpMethod(method.ToUpperInvariant()), path, merged));
            }
        }

        return operations;
    }

    private static List<FuzzParameter> Declared(JsonNode? list) =>
        list is not JsonArray array
            ? []
            : [.. array.Select(p => new FuzzParameter((string)p!["in"]!, (string)p["name"]!)).Where(p => p.In is "path" or "query" or "header")];
}

/// <summary>A declared parameter: where it goes and its name.</summary>
public sealed record FuzzParameter(string In, string Name);

/// <summary>Junk, boundary and huge values every parameter must refuse with a 4xx (or accept), never a 5xx.</summary>
public static class FuzzParameterValues
{
    public static readonly string[] Any =
    [
        string.Empty, " ", "0", "-1", "1", "201", "2147483648", "-9223372036854775809", "99999999999999999999999999",
        "1e309", "NaN", "-0", "0x10", "true", "null", "[]", "{}", "a,,b", ",", "%", "\u0000", "a\u0000b",
        "9999-12-31", "0001-01-01", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00+14:00", "2026-02-30", "2026-11-28T25:00:00Z",
        "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "not-a-uuid",
        "../../etc/passwd", "'; DROP TABLE referrals; --", "ñ✓😀", "\uFEFF", new string('9', 400), new string('a', 20_000),
        "61.03.21.2001", "61.", "e30", "eyJpZCI6IjEifQ", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ];

    /// <summary>
    /// The values for a parameter's place. A NUL in a path never reaches the application: the
    /// server refuses the request line itself (the test host throws instead).
    /// </summary>
    public static IEnumerable<string> For(string place) => place switch
    {
        "header" => Headers,
        "path" => Any.Where(v => !v.Contains('\0', StringComparison.Ordinal)),
        _ => Any,
    };

    /// <summary>Header values must be sendable at all: no line breaks or NUL; non-ASCII goes through as bytes.</summary>
    public static readonly string[] Headers =
    [
        string.Empty, " ", "*", "\"*\"", "W/\"1\"", "\"1\"", "\"-1\"", "\"99999999999999999999\"", "\"\"", "\"1\", \"2\"", "1",
        new string('k', 256), new string('k', 20_000), "ñ✓😀", "a b", "\"unterminated",
    ];
}
