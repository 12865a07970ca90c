using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace ReferralApi.Bench;

/// <summary>
/// The built API in a process of its own, as it runs in production (the systemd unit's
/// environment, Production settings, its own delivery worker, Kestrel on loopback), so the
/// benchmark measures it from the outside.
/// </summary>
internal sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;
    private PosixSignalRegistration[] signals = [];

    private readonly string? pidFile;

    private ApiProcess(Process process, StreamWriter log, Uri baseAddress, string adminKey, string? pidFile)
    {
        this.process = process;
        this.pidFile = pidFile;
        this.log = log;
        BaseAddress = baseAddress;
        AdminKey = adminKey;
    }

    public Uri BaseAddress { get; }

    public string AdminKey { get; }

    public int ProcessId => process.Id;

    public static async Task<ApiProcess> StartAsync(BenchOptions options, string connection, CancellationToken ct)
    {
        var port = FreePort();
        var adminKey = "bench-admin-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.GetFullPath(options.ApiDll), "--urls", $"http://127.0.0.1:{port}" },
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(options.ApiDll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var env = start.Environment;
        DeployedEnvironment.ApplyTo(env, options.DeployUnit);
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["Database__Provider"] = options.Provider;
        env["ConnectionStrings__Referrals"] = connection;
        env["Admin__ApiKey"] = adminKey;
        env["Encryption__Keys__0__Id"] = "bench";
        env["Encryption__Keys__0__Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        // The throwaway server has one login, which owns the schema; Production refuses it otherwise.
        env["Database__AllowPrivilegedLogin"] = "true";
        // The receiver listens on 127.0.0.1, which the URL rules refuse unless this is on.
        env["Webhooks__AllowPrivateNetworks"] = "true";
        foreach (var (key, value) in options.ApiSettings)
        {
            env[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return await LaunchAsync(start, port, adminKey, "/health/ready", options, ct);
    }

    /// <summary>Another web application (the trivial endpoint), started and stopped the same way, ready when <c>GET /</c> answers.</summary>
    public static Task<ApiProcess> StartOtherAsync(string dll, BenchOptions options, CancellationToken ct)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.GetFullPath(dll), "--urls", $"http://127.0.0.1:{port}" },
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        DeployedEnvironment.ApplyTo(start.Environment, options.DeployUnit);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return LaunchAsync(start, port, string.Empty, "/", options, ct);
    }

    private static async Task<ApiProcess> LaunchAsync(ProcessStartInfo start, int port, string adminKey, string readyPath, BenchOptions options, CancellationToken ct)
    {
        var log = new StreamWriter(options.LogFile, append: true) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var api = new ApiProcess(process, log, new Uri($"http://127.0.0.1:{port}"), adminKey, options.ApiPidFile);
        // A benchmark stopped from outside must not leave its API running: it stops the API on
        // SIGTERM and Ctrl+C, and names its process for the calling script in case it is killed.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => api.Stop();
        api.signals = [.. new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT }.Select(s => PosixSignalRegistration.Create(s, _ => api.Stop()))];
        if (options.ApiPidFile is { } pidFile)
        {
            await File.WriteAllTextAsync(pidFile, process.Id.ToString(CultureInfo.InvariantCulture), ct);
        }

        await api.WaitUntilReadyAsync(readyPath, ct);
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        await process.WaitForExitAsync();
        if (pidFile is not null)
        {
            // The id may be reused once the process is gone; nobody must act on it any more.
            File.Delete(pidFile);
        }

        process.Dispose();
        await log.DisposeAsync();
        foreach (var signal in signals)
        {
            signal.Dispose();
        }
    }

    private void Stop()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone or already disposed.
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private async Task WaitUntilReadyAsync(string readyPath, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The API exited with {process.ExitCode}; see its log.");
            }

            try
            {
                using var response = await client.GetAsync(new Uri(readyPath, UriKind.Relative), ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200, ct);
        }

        throw new TimeoutException("The API did not become ready within 2 minutes.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
