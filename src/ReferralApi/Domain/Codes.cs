using System.Text.Json;

namespace ReferralApi.Domain;

/// <summary>
/// The wire and storage form of every code: the enum member's name in lower snake_case
/// (<c>LegalAid</c> ⇄ <c>legal_aid</c>), the same form the JSON converter uses.
/// </summary>
public static class Codes
{
    public static string Of<T>(T value) where T : struct, Enum =>
        Table<T>.Names.TryGetValue(value, out var name) ? name : CodeOf(value);

    public static T Parse<T>(string code) where T : struct, Enum =>
        TryParse<T>(code, out var value) ? value : throw new FormatException($"Unknown {typeof(T).Name} code.");

    public static bool TryParse<T>(string? code, out T value) where T : struct, Enum
    {
        if (code is not null && Table<T>.Values.TryGetValue(code, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    public static IReadOnlyList<string> All<T>() where T : struct, Enum => [.. Enum.GetValues<T>().Select(Of)];

    public static string ToJsonList<T>(IEnumerable<T> values) where T : struct, Enum =>
        JsonSerializer.Serialize(values.Select(Of));

    public static IReadOnlyList<T> FromJsonList<T>(string? json) where T : struct, Enum =>
        string.IsNullOrEmpty(json) ? [] : [.. (JsonSerializer.Deserialize<string[]>(json) ?? []).Select(Parse<T>)];

    private static string CodeOf<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>
    /// Each enum's codes, worked out once: codes are read and written on every request, and a
    /// lookup here neither boxes the value nor lists the enum's members again.
    /// </summary>
    private static class Table<T> where T : struct, Enum
    {
        private static readonly T[] Members = Enum.GetValues<T>();

        public static readonly Dictionary<T, string> Names = Members.Distinct().ToDictionary(member => member, CodeOf);

        public static readonly Dictionary<string, T> Values = Members.DistinctBy(CodeOf).ToDictionary(CodeOf, member => member, StringComparer.Ordinal);
    }
}
