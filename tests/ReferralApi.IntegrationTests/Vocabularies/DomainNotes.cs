namespace ReferralApi.IntegrationTests.Vocabularies;

/// <summary>
/// The code lists of the shared domain notes (<c>../shared/domain.md</c> beside the repository):
/// each section is "code — Indonesian label — English label" items separated by " · ", and the
/// region section is "code name" items.
/// </summary>
internal static class DomainNotes
{
    public const string RelativePath = "../shared/domain.md";

    /// <summary>The notes' path, or null when this checkout has no shared folder beside it.</summary>
    public static string? Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ReferralApi.sln")))
            {
                var notes = Path.GetFullPath(Path.Combine(directory.FullName, RelativePath));
                return File.Exists(notes) ? notes : null;
            }
        }

        return null;
    }

    /// <summary>Section name (the first word of its heading) → its items, each split on " — ".</summary>
    public static Dictionary<string, List<string[]>> Read(string path)
    {
        var sections = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        string? section = null;
        var text = new List<string>();
        foreach (var line in File.ReadLines(path).Append(string.Empty))
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
