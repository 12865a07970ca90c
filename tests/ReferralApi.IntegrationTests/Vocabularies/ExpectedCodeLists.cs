using System.Reflection;

namespace ReferralApi.IntegrationTests.Vocabularies;

/// <summary>
/// The code lists the vocabulary must serve, from <c>code-lists.md</c> beside this file (embedded
/// in the test assembly, so the tests need nothing outside the repository): each section is
/// "code — Indonesian label — English label" items separated by " · ", and the region section is
/// "code name" items. The file is a record of its own, not the catalog's source, so comparing the
/// two can fail.
/// </summary>
internal static class ExpectedCodeLists
{
    private const string ResourceName = "ReferralApi.IntegrationTests.Vocabularies.code-lists.md";

    private static readonly Lazy<Dictionary<string, List<string[]>>> Sections = new(() => Parse(ReadLines()));

    /// <summary>Section name (the first word of its heading) → its items, each split on " — ".</summary>
    public static Dictionary<string, List<string[]>> Read() => Sections.Value;

    private static string[] ReadLines()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The test assembly has no resource {ResourceName}.");
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n').Select(line => line.TrimEnd('\r'))];
    }

    private static Dictionary<string, List<string[]>> Parse(IEnumerable<string> lines)
    {
        var sections = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        string? section = null;
        var text = new List<string>();
        foreach (var line in lines.Append(string.Empty))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                section = line[3..].Split(' ')[0];
                text.Clear();
            }
            else if (section is not null && string.IsNullOrWhiteSpace(line))
            {
                // A section's list ends at its first blank line; notes may follow.
                sections[section] = [.. string.Join(' ', text).Split(" · ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(item => item.Split(" — ", StringSplitOptions.TrimEntries))];
                section = null;
            }
            else if (section is not null)
            {
                text.Add(line.Trim());
            }
        }

        return sections;
    }

    /// <summary>A label without a trailing remark in parentheses: "Darurat (respond within 24 h)" → "Darurat".</summary>
    public static string WithoutRemark(string label)
    {
        var open = label.LastIndexOf(" (", StringComparison.Ordinal);
        return open > 0 && label.EndsWith(')') ? label[..open] : label;
    }

    /// <summary>The trailing remark in parentheses, if any: "PLBN Entikong, Sanggau (61.03.21)" → "61.03.21".</summary>
    public static string? Remark(string label)
    {
        var open = label.LastIndexOf(" (", StringComparison.Ordinal);
        return open > 0 && label.EndsWith(')') ? label[(open + 2)..^1] : null;
    }
}
