using System.Text;

namespace ReferralApi.Bench;

/// <summary>
/// The environment the shipped systemd unit (deploy/referral-api.service) gives the API: its
/// <c>Environment=</c> lines, such as the C library's malloc arena limit. The benchmarks start the
/// API, and the trivial endpoint beside it, with the same, so that what they measure is the API
/// as deployed, and a setting that changes its speed or memory is one that every site gets. A
/// variable the caller has set already wins, as with <c>scripts/run.sh</c>, so that a setting can
/// be tried against the unit's.
/// </summary>
internal static class DeployedEnvironment
{
    public const string DefaultUnit = "deploy/referral-api.service";

    /// <summary>
    /// The unit's assignments, in order, as systemd reads them: several per line, separated by
    /// spaces, each optionally in double or single quotes; an empty <c>Environment=</c> clears the
    /// ones before it. Specifiers (<c>%</c>) and continued lines are refused rather than misread.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Read(string unitFile)
    {
        if (!File.Exists(unitFile))
        {
            throw new FileNotFoundException($"The systemd unit {unitFile} was not found (run the benchmark from the repository's root)", unitFile);
        }

        var assignments = new List<KeyValuePair<string, string>>();
        foreach (var line in File.ReadLines(unitFile).Select(l => l.Trim()).Where(l => l.StartsWith("Environment=", StringComparison.Ordinal)))
        {
            var words = Words(line["Environment=".Length..], unitFile);
            if (words.Count == 0)
            {
                assignments.Clear();
            }

            foreach (var word in words)
            {
                var pair = word.Split('=', 2);
                if (pair.Length != 2 || pair[0].Length == 0)
                {
                    throw new FormatException($"{unitFile}: \"{word}\" is not NAME=value");
                }

                assignments.Add(KeyValuePair.Create(pair[0], pair[1]));
            }
        }

        return assignments;
    }

    /// <summary>
    /// Puts the unit's environment into a process about to start, except what it holds already: a
    /// process's start environment begins as a copy of the caller's. Settings applied afterwards win.
    /// </summary>
    public static void ApplyTo(IDictionary<string, string?> environment, string unitFile)
    {
        foreach (var (name, value) in Read(unitFile))
        {
            environment.TryAdd(name, value);
        }
    }

    private static List<string> Words(string text, string unitFile)
    {
        if (text.Contains('%', StringComparison.Ordinal) || text.EndsWith('\\'))
        {
            throw new FormatException($"{unitFile}: specifiers and continued lines are not read here: Environment={text}");
        }

        var words = new List<string>();
        var word = new StringBuilder();
        char? quote = null;
        var inWord = false;
        foreach (var c in text)
        {
            if (quote is null && char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else if (quote is null && (c == '"' || c == '\''))
            {
                quote = c;
                inWord = true;
            }
            else if (c == quote)
            {
                quote = null;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (quote is not null)
        {
            throw new FormatException($"{unitFile}: an unclosed quote in Environment={text}");
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
