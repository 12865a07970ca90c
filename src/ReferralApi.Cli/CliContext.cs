namespace ReferralApi.Cli;

/// <summary>
/// Everything the commands touch outside themselves: streams, environment variables and the HTTP
/// handler. The process passes the real ones; tests pass their own and run the CLI in-process.
/// </summary>
internal sealed record CliContext(
    TextWriter Out,
    TextWriter Error,
    TextReader Input,
    Func<string, string?> Environment,
    HttpMessageHandler? Handler = null,
    TimeProvider? Clock = null)
{
    public TimeProvider Time => Clock ?? TimeProvider.System;

    public static CliContext FromProcess() =>
        new(Console.Out, Console.Error, Console.In, System.Environment.GetEnvironmentVariable);
}
