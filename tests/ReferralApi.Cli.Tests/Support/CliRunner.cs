using ReferralApi.Cli;

namespace ReferralApi.Cli.Tests.Support;

/// <summary>What one run of the CLI printed and how it ended.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string[] Lines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}

/// <summary>
/// Runs the <c>referral</c> command in-process through its real entry (argument parsing included),
/// with its environment given here instead of the process's.
/// </summary>
public static class CliRunner
{
    public static Task<CliResult> RunAsync(ApiHost api, TestAgency agency, params string[] args) =>
        RunAsync(Environment(api.BaseUrl.ToString(), agency.Key), stdin: "", CancellationToken.None, args);

    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, string stdin, CancellationToken ct, params string[] args) =>
        RunAsync(environment, stdin, new StringWriter(), null, args, ct);

    /// <summary>Runs against <paramref name="handler"/> instead of the network.</summary>
    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, string stdin, HttpMessageHandler handler, CancellationToken ct, params string[] args) =>
        RunAsync(environment, stdin, new StringWriter(), handler, args, ct);

    /// <summary>Runs with <paramref name="output"/> as standard output, so a test can watch a long run (events --follow) as it prints.</summary>
    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, string stdin, StringWriter output, CancellationToken ct, params string[] args) =>
        RunAsync(environment, stdin, output, null, args, ct);

    private static async Task<CliResult> RunAsync(
        IReadOnlyDictionary<string, string> environment, string stdin, StringWriter output, HttpMessageHandler? handler, string[] args, CancellationToken ct)
    {
        using var error = new StringWriter();
        using var input = new StringReader(stdin);
        var context = new CliContext(TextWriter.Synchronized(output), error, input, name => environment.GetValueOrDefault(name), handler);
        var code = await CliApp.RunAsync(args, context, ct);
        lock (output)
        {
            return new CliResult(code, output.ToString(), error.ToString());
        }
    }

    public static Dictionary<string, string> Environment(string url, string key) => new()
    {
        ["REFERRAL_API_URL"] = url,
        ["REFERRAL_API_KEY"] = key,
    };
}
