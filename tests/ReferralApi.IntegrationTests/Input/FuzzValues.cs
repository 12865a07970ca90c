using System.Text.Json.Nodes;

namespace ReferralApi.IntegrationTests.Input;

/// <summary>The ingredients the body mutator picks from.</summary>
internal static class FuzzValues
{
    public static readonly Func<JsonNode?>[] WrongTypes =
    [
        () => JsonValue.Create(42), () => JsonValue.Create(-1), () => JsonValue.Create(3.14), () => JsonValue.Create(true),
        () => JsonValue.Create(false), () => JsonValue.Create(string.Empty), () => JsonValue.Create("x"),
        () => new JsonArray(), () => new JsonObject(), () => new JsonArray(1, "a", null), () => new JsonObject { ["a"] = 1 },
        () => JsonValue.Create(long.MaxValue), () => JsonValue.Create(double.MaxValue),
    ];

    public static readonly string[] HugeNumbers =
    [
        "1e400", "-1e400", "1E-400", "123456789012345678901234567890", "9223372036854775808", "-9223372036854775809",
        "2147483648", "-2147483649", "-0", "0.0000000000000000000001", "1.0", "1e2", "01", "+1", ".5", "NaN", "Infinity",
    ];

    /// <summary>Strings aimed at codes, ids, dates, region codes and the NIK.</summary>
    public static readonly string[] TrickyStrings =
    [
        "URGENT", "urgent ", " urgent", "Urgent", "sexual,trafficking", "legal-aid", "0", "-1", "null", "true", "{}", "[]",
        "00000000-0000-0000-0000-000000000000", "0193a0c40000700080000000000000000", "{0193a0c4-0000-7000-8000-000000000000}",
        "2026-02-30", "2026-13-01", "0000-00-00", "9999-12-31", "0001-01-01", "1899-12-31", "2026-11-20T00:00:00Z",
        "2026-11-27T08:00:00+25:00", "2026-11-27T24:00:00Z", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59-14:00",
        "0001-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00", "2026-11-27T08:00:00.123456789Z", "2026-11-27T08:00:00z",
        "61..03", "61.03.", "６１", "61.03.21.2001", "6101010104010001", "610101010401000१", "ID", "id", "XX",
        "'; DROP TABLE referrals; --", "\" OR 1=1 --", "%", "_", "\\", "%00", "../../etc/passwd", "<script>alert(1)</script>",
        "\0", "a\0b", "\u202Eevil", "\uFEFF", "\u200B", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "👩‍👧", "\uFFFF", "İ", "ß", "e\u0301\u0301\u0301\u0301",
        "\u0007\u001b[31m", "\r\n", "\t", new string(' ', 50), "S.A.\0",
    ];

    /// <summary>JSON string tokens that are escaped text no .NET string can carry as is.</summary>
    public static readonly string[] RawStrings =
    [
        "\"\\ud800\"", "\"\\udc00abc\"", "\"a\\ud800\\ud800b\"", "\"\\u0000\"", "\"\\uZZZZ\"", "\"\\x41\"", "\"unterminated",
        "\"tab\there\"", "\"new\nline\"",
    ];

    public static readonly string[] UnknownNames =
    [
        "ToAgencyId", "toAgencyID", "to_agency_id", "toAgencyId ", "", " ", "__proto__", "constructor", "$type", "$ref", "id", "status",
        "fromAgencyId", "version", "\u0000", "nickname",
    ];

    public static readonly string[] Alphabets =
    [
        "abcdefghijklmnopqrstuvwxyz_", "0123456789.-:TZ+", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", " \t\r\n\0\u0001\u001f\u007f",
        "éüßİıæøå", "漢字かなカナ한글", "كسرائيلי", "😀👩‍👧🇮🇩", "\"\\/{}[],:",
    ];
}
