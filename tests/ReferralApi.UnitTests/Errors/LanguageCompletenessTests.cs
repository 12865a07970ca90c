using System.Reflection;
using System.Text.RegularExpressions;
using ReferralApi.Infrastructure.Errors;

namespace ReferralApi.UnitTests.Errors;

/// <summary>
/// Every message and every problem title exists in English and in Bahasa Indonesia, translated
/// (not copied), with the same placeholders, and every key the code can name has its texts.
/// </summary>
public sealed partial class LanguageCompletenessTests
{
    private static readonly List<string> MessageKeys = Constants(typeof(Messages));
    private static readonly List<string> ProblemCodeValues = Constants(typeof(ProblemCodes));

    [Fact]
    public void EveryMessageKey_HasTexts_AndEveryText_HasAKey()
    {
        Assert.True(MessageKeys.Count >= 40, $"Only {MessageKeys.Count} message keys found.");
        Assert.Equal(MessageKeys.Order(StringComparer.Ordinal), Messages.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryMessage_IsInBothLanguages_Translated_WithTheSamePlaceholders()
    {
        var problems = new List<string>();
        foreach (var key in MessageKeys)
        {
            var english = Messages.Format(key, Language.English);
            var indonesian = Messages.Format(key, Language.Indonesian);
            if (string.IsNullOrWhiteSpace(english) || string.IsNullOrWhiteSpace(indonesian) || english == key || indonesian == key)
            {
                problems.Add($"{key}: missing text");
            }
            else if (english == indonesian)
            {
                problems.Add($"{key}: the Indonesian text is the English one");
            }
            else if (!Placeholders(english).SetEquals(Placeholders(indonesian)))
            {
                problems.Add($"{key}: placeholders differ ('{english}' / '{indonesian}')");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void EveryProblemCode_HasATitleInBothLanguages_AndTheCatalogNoOthers()
    {
        Assert.Equal(ProblemCodeValues.Order(StringComparer.Ordinal), ProblemCatalog.Entries.Keys.Order(StringComparer.Ordinal));
        var untranslated = ProblemCatalog.Entries
            .Where(e => string.IsNullOrWhiteSpace(e.Value.English) || string.IsNullOrWhiteSpace(e.Value.Indonesian) || e.Value.English == e.Value.Indonesian)
            .Select(e => e.Key)
            .ToList();

        Assert.True(untranslated.Count == 0, "Problem titles not in both languages: " + string.Join(", ", untranslated));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(405)]
    [InlineData(406)]
    [InlineData(409)]
    [InlineData(412)]
    [InlineData(413)]
    [InlineData(415)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public void EveryBareStatus_MapsToACodeWithTitlesAndTheSameStatus(int status)
    {
        var code = ProblemCatalog.CodeForStatus(status);

        Assert.Equal(status, ProblemCatalog.Entries[code].Status);
        Assert.NotEqual(ProblemCatalog.Title(code, Language.English), ProblemCatalog.Title(code, Language.Indonesian));
    }

    private static List<string> Constants(Type type) =>
        [.. type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)];

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
