using Npgsql;

namespace ReferralApi.Bench;

/// <summary>
/// What the request benchmark works on, made through the API itself: agencies with keys, each
/// sending referrals to the next, and the rows the wrk scenarios rotate through, written as
/// tab-separated files (create.tsv: key, recipient; status.tsv: key, referral; keys.tsv: key).
/// </summary>
internal sealed class ApiSeed
{
    private readonly List<(Guid Id, string Key)> agencies = [];
    private readonly List<(Guid Referral, int From, int To)> referrals = [];

    private ApiSeed(string directory) => Directory = directory;

    public string Directory { get; }

    public string CreateRows => Path.Combine(Directory, "create.tsv");

    public string StatusRows => Path.Combine(Directory, "status.tsv");

    public string KeyRows => Path.Combine(Directory, "keys.tsv");

    public static async Task<ApiSeed> CreateAsync(BenchApi api, int agencyCount, int referralsEach, string directory, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(directory);
        var seed = new ApiSeed(directory);
        for (var i = 0; i < agencyCount; i++)
        {
            var (id, key) = await api.CreateAgencyAsync($"BENCH-API-{i:00}", withKey: true, ct);
            seed.agencies.Add((id, key!));
        }

        for (var from = 0; from < agencyCount; from++)
        {
            var to = (from + 1) % agencyCount;
            for (var n = 0; n < referralsEach; n++)
            {
                var (referral, _) = await api.SendReferralAsync(seed.agencies[from].Key, seed.agencies[to].Id, ct);
                seed.referrals.Add((referral, from, to));
            }
        }

        await File.WriteAllLinesAsync(seed.CreateRows, seed.agencies.Select((a, i) => $"{a.Key}\t{seed.agencies[(i + 1) % agencyCount].Id}"), ct);
        await File.WriteAllLinesAsync(seed.StatusRows, seed.referrals.SelectMany(r => new[]
        {
            $"{seed.agencies[r.From].Key}\t{r.Referral}", $"{seed.agencies[r.To].Key}\t{r.Referral}",
        }), ct);
        await File.WriteAllLinesAsync(seed.KeyRows, seed.agencies.Select(a => a.Key), ct);
        Console.WriteLine($"  {agencyCount} agencies with keys, {seed.referrals.Count} referrals between them");
        return seed;
    }

    /// <summary>
    /// The values the pgbench replays bind (<c>-D name=value</c>): the first agency, its key's
    /// prefix and id, the agency it refers to and one referral between them.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> ReplayVariablesAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT id, prefix FROM api_keys WHERE agency_id = @Agency", connection);
        command.Parameters.AddWithValue("Agency", agencies[0].Id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            throw new BenchFailure("the first bench agency has no key row in api_keys");
        }

        return new Dictionary<string, string>
        {
            ["key_id"] = reader.GetGuid(0).ToString(),
            ["key_prefix"] = reader.GetString(1),
            ["from_agency"] = agencies[0].Id.ToString(),
            ["to_agency"] = agencies[1].Id.ToString(),
            ["referral_id"] = referrals.First(r => r.From == 0).Referral.ToString(),
        };
    }
}
