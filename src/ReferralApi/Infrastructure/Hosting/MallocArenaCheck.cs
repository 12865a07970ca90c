using System.Runtime.InteropServices;

namespace ReferralApi.Infrastructure.Hosting;

/// <summary>
/// A note in the log at start when the API runs on glibc with its default number of malloc arenas
/// (up to eight per core). On SQLite that default kept the API's peak memory 10–20 MB higher in the
/// request benchmark, and its requests no faster, than <c>MALLOC_ARENA_MAX=2</c>, which the shipped
/// systemd unit sets (README "Production checklist"). glibc reads the variable only as the process
/// starts, so the API cannot set it for itself; a site that starts it some other way (a container,
/// a script of its own) learns of it here. musl and other platforms have no such arenas: nothing
/// to say.
/// </summary>
internal static partial class MallocArenaCheck
{
    public const string Variable = "MALLOC_ARENA_MAX";

    /// <summary>Logs the note when this process runs on glibc without an arena limit.</summary>
    public static void Report(ILogger logger)
    {
        if (UsesGlibcDefault(RunsOnGlibc(), Environment.GetEnvironmentVariable))
        {
            DefaultArenas(logger);
        }
    }

    /// <summary>On glibc, with no limit in the variable or in glibc's tunables.</summary>
    internal static bool UsesGlibcDefault(bool onGlibc, Func<string, string?> environment) =>
        onGlibc
        && string.IsNullOrEmpty(environment(Variable))
        && !(environment("GLIBC_TUNABLES") ?? "").Contains("glibc.malloc.arena_max", StringComparison.Ordinal);

    /// <summary>
    /// Whether the process's C library is glibc: only glibc exports <c>gnu_get_libc_version</c>.
    /// Asked of the library itself, since a runtime identifier does not always name it (a
    /// distribution's own build of .NET on Alpine reports <c>alpine.3.20-x64</c>, not <c>musl</c>).
    /// </summary>
    internal static bool RunsOnGlibc() =>
        OperatingSystem.IsLinux() && NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), "gnu_get_libc_version", out _);

    [LoggerMessage(Level = LogLevel.Information, Message = "MALLOC_ARENA_MAX is not set: glibc allows up to eight malloc arenas per core, which held 10-20 MB more memory in the API's benchmark on SQLite. Set MALLOC_ARENA_MAX=2 in the service's environment, as deploy/referral-api.service does.")]
    private static partial void DefaultArenas(ILogger logger);
}
