using System.Collections.Concurrent;
using System.Text.Json;

namespace ReferralApi.Domain;

/// <summary>
/// The wire and storage form of every code: the enum member's name in lower snake_case
/// (<c>LegalAid</c> ⇄ <c>legal_aid</c>), the same form the JSON converter uses.
/// </summary>
public static class Codes
{
    private static readonly ConcurrentDictionary<Enum, string> Names = new();

    public static string Of<T>(T value) where T : struct, Enum =>
        Names.GetOrAdd(value, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

    public static T Parse<T>(string code) where T : struct, Enum =>
        TryParse<T>(code, out var value) ? value : throw new FormatException($"Unknown {typeof(T).Name} code.");

    public static bool TryParse<T>(string? code, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Of(candidate), code, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static IReadOnlyList<string> All<T>() where T : struct, Enum => [.. Enum.GetValues<T>().Select(Of)];

    public static string ToJsonList<T>(IEnumerable<T> values) where T : struct, Enum =>
        JsonSerializer.Serialize(values.Select(Of));

    public static IReadOnlyList<T> FromJsonList<T>(string? json) where T : struct, Enum =>
        string.IsNullOrEmpty(json) ? [] : [.. (JsonSerializer.Deserialize<string[]>(json) ?? []).Select(Parse<T>)];
}
