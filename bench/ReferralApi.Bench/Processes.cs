using System.Diagnostics;

namespace ReferralApi.Bench;

/// <summary>A benchmark step that cannot go on, with its reason in words (see <see cref="Failure"/>).</summary>
internal sealed class BenchFailure(string message) : Exception(message);

/// <summary>Running the load generators (wrk, pgbench) and reading the API's memory from /proc.</summary>
internal static class Processes
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(ProcessStartInfo start, CancellationToken ct)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new BenchFailure($"{start.FileName} did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new BenchFailure($"{start.FileName} cannot be run: {ex.Message}");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var error = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            return (process.ExitCode, await output, await error);
        }
    }

    /// <summary>What a failed tool said: its first line naming an error, else its last line.</summary>
    public static string Reason(params string[] texts)
    {
        var lines = texts.SelectMany(t => t.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        return lines.FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase) && !l.Contains("Run was aborted", StringComparison.Ordinal))
            ?? lines.LastOrDefault() ?? "no output";
    }

    /// <summary>Resident set size now and at its peak (VmRSS, VmHWM), in MB.</summary>
    public static (double Now, double Peak) ResidentMegabytes(int pid)
    {
        double Field(string[] lines, string name) =>
            lines.Where(l => l.StartsWith(name, StringComparison.Ordinal))
                .Select(l => double.Parse(l[name.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024)
                .FirstOrDefault(double.NaN);

        var status = File.ReadAllLines($"/proc/{pid}/status");
        return (Field(status, "VmRSS:"), Field(status, "VmHWM:"));
    }
}
