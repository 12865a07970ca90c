using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json;
using ReferralApi.Domain;

namespace ReferralApi.Infrastructure.Security;

/// <summary>
/// An agency's roles and a key's permissions as its row stores them (JSON lists), read once per
/// distinct text rather than parsed again on every request the key makes. There are few distinct
/// texts (a role set per agency, a permission set per key); past <see cref="Remembered"/> of
/// them, further ones are read on each request.
/// </summary>
internal static class KeyGrants
{
    private const int Remembered = 1024;

    private static readonly ConcurrentDictionary<string, (string[] Codes, FrozenSet<string> Set)> RoleLists = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string[]> PermissionLists = new(StringComparer.Ordinal);

    /// <summary>The role codes of a stored role list, as a list and as a set.</summary>
    public static (string[] Codes, FrozenSet<string> Set) Roles(string json) =>
        Remember(RoleLists, json, static text =>
        {
            string[] codes = [.. Codes.FromJsonList<AgencyRole>(text).Select(Codes.Of)];
            return (codes, codes.ToFrozenSet(StringComparer.Ordinal));
        });

    public static string[] Permissions(string json) =>
        Remember(PermissionLists, json, static text => JsonSerializer.Deserialize<string[]>(text) ?? []);

    private static T Remember<T>(ConcurrentDictionary<string, T> known, string json, Func<string, T> read)
    {
        if (known.TryGetValue(json, out var value))
        {
            return value;
        }

        value = read(json);
        if (known.Count < Remembered)
        {
            known.TryAdd(json, value);
        }

        return value;
    }
}
