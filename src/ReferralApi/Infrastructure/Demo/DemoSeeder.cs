using Microsoft.Extensions.Options;
using ReferralApi.Domain;
using ReferralApi.Features.Agencies;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Infrastructure.Demo;

/// <summary>
/// Creates the demo agencies once and prints one key per agency. Keys are stored hashed, so the
/// secrets are kept in an owner-only file for the next start; this is for a laptop, never production.
/// </summary>
internal sealed class DemoSeeder(IServiceScopeFactory scopes, IOptions<DemoOptions> options, IOptions<AdminOptions> admin, TimeProvider clock)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var agencies = scope.ServiceProvider.GetRequiredService<AgencyStore>();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyStore>();
        var file = options.Value.KeysFile;
        var saved = File.Exists(file) ? ReadKeys(file) : new Dictionary<string, string>(StringComparer.Ordinal);
        var printed = new List<(string Code, string Name, string Key)>();
        foreach (var demo in DemoAgencies.All)
        {
            var existing = await agencies.FindIdByCodeAsync(demo.Code, ct);
            var id = existing ?? await CreateAsync(agencies, demo, ct);

            // A saved key is only good for the database it was issued in.
            if (existing is null || !saved.TryGetValue(demo.Code, out var key))
            {
                var (secret, prefix, hash) = ApiKeySecret.Generate();
                // Each demo agency's key may rotate the agency's keys, as a managing key would.
                var now = clock.Now();
                await keys.InsertAsync(new NewApiKey(Guid.CreateVersion7(), id, prefix, hash, now, now.AddYears(1), [KeyPermissions.Keys], null), ct);
                saved[demo.Code] = key = secret;
            }

            printed.Add((demo.Code, demo.Name, key));
        }

        WriteKeys(file, saved);
        Print(printed, admin.Value.ApiKey);
    }

    private async Task<Guid> CreateAsync(AgencyStore agencies, DemoAgencies.Agency demo, CancellationToken ct)
    {
        var now = clock.Now();
        var row = new AgencyRow
        {
            Id = Guid.CreateVersion7(),
            Code = demo.Code,
            Name = demo.Name,
            Sector = Codes.Of(demo.Sector),
            RegionCode = demo.RegionCode,
            Roles = Codes.ToJsonList(demo.Roles),
            Services = Codes.ToJsonList(demo.Services),
            AcceptsReferrals = demo.AcceptsReferrals,
            CapacityStatus = Codes.Of(CapacityStatus.Open),
            Active = true,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await agencies.InsertAsync(row, ct);
        return row.Id;
    }

    private static Dictionary<string, string> ReadKeys(string file) =>
        File.ReadAllLines(file)
            .Select(line => line.Split('\t'))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);

    private static void WriteKeys(string file, Dictionary<string, string> keys)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(file))!;
        Directory.CreateDirectory(directory);
        File.WriteAllLines(file, keys.Select(k => $"{k.Key}\t{k.Value}"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    // The demo's whole point is to hand these keys to the person at the terminal, so they go to
    // the console directly and never through the logging pipeline.
    private static void Print(List<(string Code, string Name, string Key)> keys, string? adminKey)
    {
        Console.WriteLine();
        Console.WriteLine("Demo API keys (send as 'Authorization: Bearer <key>'):");
        if (!string.IsNullOrEmpty(adminKey))
        {
            Console.WriteLine($"  {"admin",-20} {adminKey}");
        }

        foreach (var (code, _, key) in keys)
        {
            Console.WriteLine($"  {code,-20} {key}");
        }

        Console.WriteLine();
    }
}
