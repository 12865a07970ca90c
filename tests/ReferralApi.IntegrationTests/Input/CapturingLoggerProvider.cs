using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ReferralApi.IntegrationTests.Input;

/// <summary>
/// Writes everything a host logs into a <see cref="LogSink"/>: the formatted message, every structured
/// value, the exception as text, and the state of every scope opened, at every level.
/// </summary>
public sealed class CapturingLoggerProvider(LogSink sink) : ILoggerProvider
{
    /// <summary>Adds <paramref name="sink"/> as a logger provider that receives every line, at every level.</summary>
    public static void CaptureEverything(IServiceCollection services, LogSink sink)
    {
        services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(sink));

        // Rules from the environment or appsettings could raise the bar for some categories; nothing may hide here.
        services.Configure<LoggerFilterOptions>(options =>
        {
            options.Rules.Clear();
            options.MinLevel = LogLevel.Trace;
        });
    }

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, sink);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, LogSink sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            sink.Add($"Scope {category}: {Describe(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder($"{logLevel} {category}[{eventId.Id}]: {formatter(state, exception)} | {Describe(state)}");
            if (exception is not null)
            {
                line.Append(" | ").Append(exception);
            }

            sink.Add(line.ToString());
        }

        private static string Describe(object? state) => state is IEnumerable<KeyValuePair<string, object?>> values
            ? string.Join(", ", values.Select(v => $"{v.Key}={v.Value}"))
            : state?.ToString() ?? string.Empty;
    }
}
