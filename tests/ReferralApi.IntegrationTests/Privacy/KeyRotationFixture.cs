using System.Security.Cryptography;
using ReferralApi.IntegrationTests.Infrastructure;

namespace ReferralApi.IntegrationTests.Privacy;

/// <summary>A host that encrypts with the first key of <see cref="RotationKeys"/>.</summary>
public sealed class KeyRotationFixture<TEngine> : ApiFixture<TEngine>
    where TEngine : IEngine
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } =
        RotationKeys.Ring(RotationKeys.FirstId, (RotationKeys.FirstId, RotationKeys.First));
}

/// <summary>Two data-encryption keys, and the settings of a host that holds some of them.</summary>
public static class RotationKeys
{
    public const string FirstId = "2026-first";
    public const string SecondId = "2027-second";
    public static readonly string First = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    public static readonly string Second = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Settings with these keys configured and <paramref name="active"/> encrypting new values.</summary>
    public static Dictionary<string, string?> Ring(string active, params (string Id, string Key)[] keys)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Encryption:ActiveKeyId"] = active,
            ["Webhooks:AllowPrivateNetworks"] = "true",
        };
        for (var i = 0; i < keys.Length; i++)
        {
            settings[$"Encryption:Keys:{i}:Id"] = keys[i].Id;
            settings[$"Encryption:Keys:{i}:Key"] = keys[i].Key;
        }

        return settings;
    }
}
