using System.Globalization;

namespace ReferralApi.Bench;

/// <summary>One measured figure set, one tab-separated line in the results file, so several engine runs add up to one report.</summary>
internal sealed record Result(string Kind, string Engine, long Events, string Case, double[] Values)
{
    public string ToLine() => string.Join('\t', [Kind, Engine, Events.ToString(CultureInfo.InvariantCulture), Case, .. Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))]);

    public static Result Parse(string line)
    {
        var parts = line.Split('\t');
        return new Result(parts[0], parts[1], long.Parse(parts[2], CultureInfo.InvariantCulture), parts[3],
            [.. parts[4..].Select(p => double.Parse(p, CultureInfo.InvariantCulture))]);
    }
}

internal static class ResultFile
{
    public const string Feed = "feed";
    public const string Delivery = "delivery";
    public const string Load = "load";
    public const string Batch = "batch";
    public const string Export = "export";

    public static void Append(string file, Result result)
    {
        File.AppendAllLines(file, [result.ToLine()]);
        Console.WriteLine($"  {result.Kind} {result.Engine} {result.Events} {result.Case}: {string.Join(" ", result.Values.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture)))}");
    }

    public static IReadOnlyList<Result> Read(string file) =>
        File.Exists(file) ? [.. File.ReadAllLines(file).Where(l => l.Length > 0).Select(Result.Parse)] : [];

    /// <summary>Nearest-rank percentile of <paramref name="sorted"/>.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
