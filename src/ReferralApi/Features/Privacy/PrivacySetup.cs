namespace ReferralApi.Features.Privacy;

internal static partial class PrivacySetup
{
    public static WebApplicationBuilder AddPrivacy(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SealedTableStore>();
        builder.Services.AddSingleton<ReEncryption>();
        return builder;
    }

    /// <summary>True when the process was started as <c>ReferralApi reencrypt</c> rather than as the API.</summary>
    public static bool IsReEncryptionCommand(string[] args) => args.Contains(ReEncryption.Command, StringComparer.Ordinal);

    /// <summary>Runs the re-encryption and sets a failing exit code when some value could not be read with the configured keys.</summary>
    public static async Task RunReEncryptionAsync(this WebApplication app)
    {
        var report = await app.Services.GetRequiredService<ReEncryption>().RunAsync(app.Lifetime.ApplicationStopping);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ReferralApi.ReEncryption");
        Finished(logger, report.RowsRewritten, report.ValuesRewritten, report.ValuesUnreadable);
        if (report.ValuesUnreadable > 0)
        {
            Environment.ExitCode = 1;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-encryption finished: {Rows} rows rewritten ({Values} values) with the active key; {Unreadable} values unreadable")]
    private static partial void Finished(ILogger logger, int rows, int values, int unreadable);
}
