namespace ReferralApi.Bench;

/// <summary>
/// The environment the shipped systemd unit (deploy/referral-api.service) gives the API: its
/// <c>Environment=</c> lines, such as the C library's malloc arena limit. The benchmarks start the
/// API, and the trivial endpoint beside it, with the same, so that what they measure is the API
/// as deployed, and a setting that changes its speed or memory is one that every site gets.
/// </summary>
internal static class DeployedEnvironment
{
    public const string DefaultUnit = "deploy/referral-api.service";

    /// <summary>The unit's <c>Environment=NAME=value</c> pairs, in order; a missing unit stops the benchmark.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Read(string unitFile)
    {
        if (!File.Exists(unitFile))
        {
            throw new FileNotFoundException($"The systemd unit {unitFile} was not found (run the benchmark from the repository's root)", unitFile);
        }

        return [.. File.ReadLines(unitFile)
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("Environment=", StringComparison.Ordinal))
            .Select(line => line["Environment=".Length..].Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0].Length > 0)
            .Select(pair => KeyValuePair.Create(pair[0], pair[1]))];
    }

    /// <summary>Puts the unit's environment into a process about to start; settings applied afterwards win.</summary>
    public static void ApplyTo(IDictionary<string, string?> environment, string unitFile)
    {
        foreach (var (name, value) in Read(unitFile))
        {
            environment[name] = value;
        }
    }
}
