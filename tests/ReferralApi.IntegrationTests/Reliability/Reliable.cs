using System.Net;
using Dapper;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Reliability;

/// <summary>
/// Shared pieces of the reliability suites: idempotency headers, and row counts read straight from
/// the database, because "nothing was written" cannot be proven through the API alone.
/// </summary>
internal static class Reliable
{
    public const string KeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>Keys outside the contract's 1–255 visible ASCII characters (the empty key needs a real socket).</summary>
    public static TheoryData<string> InvalidKeys =>
    [
        " ",
        new string('k', 256),
        "has space",
        "caf\u00e9",
        "bell\u0007",
    ];

    public static string NewKey() => "key-" + Guid.NewGuid().ToString("N");

    public static (string Name, string Value) Key(string key) => (KeyHeader, key);

    public static (string Name, string Value) IfMatch(string value) => ("If-Match", value);

    public static bool IsReplayed(this HttpResponseMessage response) =>
        response.Headers.TryGetValues(ReplayedHeader, out var values) && values.SingleOrDefault() == "true";

    /// <summary>Rows of <paramref name="table"/> whose <paramref name="column"/> holds <paramref name="id"/>.</summary>
    public static async Task<int> CountAsync<TEngine>(this ApiFixture<TEngine> fx, string table, string column, Guid id)
        where TEngine : IEngine
    {
        await using var connection = fx.CreateConnection();
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT COUNT(*) FROM {table} WHERE {column} = @Value", new { Value = fx.DbValue(id) }, cancellationToken: Http.Ct));
    }

    /// <summary>An id as this engine's columns hold it: canonical text on SQLite, a uuid type on the servers.</summary>
    public static object DbValue<TEngine>(this ApiFixture<TEngine> fx, Guid id)
        where TEngine : IEngine =>
        fx.Provider == "sqlite" ? id.ToString("D") : id;

    /// <summary>Runs <paramref name="count"/> requests released together, so they overlap as much as the host allows.</summary>
    public static async Task<HttpResponseMessage[]> ReleaseTogetherAsync(int count, Func<int, Task<HttpResponseMessage>> send)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await gate.Task;
            return await send(i);
        })).ToArray();
        gate.SetResult();
        return await Task.WhenAll(requests);
    }

    /// <summary>A server error under load is the bug these suites hunt; show its body in the failure.</summary>
    public static async Task AssertNoServerErrorsAsync(IEnumerable<HttpResponseMessage> responses)
    {
        foreach (var response in responses)
        {
            if ((int)response.StatusCode >= 500)
            {
                Assert.Fail($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Http.Ct)}");
            }
        }
    }
}
