using System.CommandLine;
using ReferralApi.Cli.Http;
using ReferralApi.Cli.Output;

namespace ReferralApi.Cli;

/// <summary>One run of one command: its output, its language, and (created on first use) its API client.</summary>
internal sealed class Invocation(CliContext context, bool json, string language) : IDisposable
{
    private ApiClient? api;

    public CliContext Context { get; } = context;

    public bool Json { get; } = json;

    public string Language { get; } = language;

    public TextWriter Out => Context.Out;

    public ApiClient Api => api ??= new ApiClient(ApiSettings.FromEnvironment(Context.Environment, Language), Context);

    /// <summary>Runs a command's body and turns what it throws into a printed message and an exit code.</summary>
    public static async Task<int> RunAsync(ParseResult parse, CliContext context, CommonOptions common, Func<Invocation, Task<int>> body, CancellationToken ct)
    {
        using var run = new Invocation(context, parse.GetValue(common.Json), parse.GetValue(common.Language) ?? "en");
        try
        {
            return await body(run);
        }
        catch (ApiProblemException problem)
        {
            ProblemPrinter.Print(context.Error, problem, run.Json, run.Language);
            return ExitCodes.Refused;
        }
        catch (CliException failure)
        {
            await context.Error.WriteLineAsync(Messages.Error(run.Language) + failure.Message);
            return failure.ExitCode;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped on purpose (Ctrl+C, the scheduler): whatever was printed was also saved.
            return ExitCodes.Ok;
        }
    }

    public void Dispose() => api?.Dispose();
}
