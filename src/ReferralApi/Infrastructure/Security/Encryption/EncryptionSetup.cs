using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ReferralApi.Infrastructure.Security.Encryption;

internal static partial class EncryptionSetup
{
    public const int KeySize = 32;
    private const string EphemeralKeyId = "ephemeral";

    /// <summary>
    /// Binds and validates the key ring. In Development a missing key is replaced by a random one
    /// for the life of the process, with a warning, because values it encrypts become unreadable
    /// after a restart; every other environment (Production, Staging, ...) refuses to start
    /// without a key, so a forgotten setting cannot quietly lose data.
    /// </summary>
    public static WebApplicationBuilder AddEncryption(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<EncryptionOptions>()
            .BindConfiguration(EncryptionOptions.SectionName)
            .Validate(o => development || o.Keys.Count > 0, "Encryption:Keys must hold at least one key outside Development.")
            .Validate(o => o.Keys.All(k => KeyIdPattern().IsMatch(k.Id)), "Every Encryption:Keys id must be 1-32 characters of A-Z, a-z, 0-9, '_' and '-'.")
            .Validate(o => o.Keys.All(k => Decode(k.Key) is not null), $"Every Encryption:Keys key must be {KeySize} bytes in base64.")
            .Validate(o => o.Keys.Select(k => k.Id).Distinct(StringComparer.Ordinal).Count() == o.Keys.Count, "Encryption:Keys ids must be unique.")
            .Validate(o => o.Keys.Count == 0 || ActiveId(o) is { } id && o.Keys.Any(k => k.Id == id), "Encryption:ActiveKeyId must name one of Encryption:Keys (it may be omitted when there is one key).")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => Create(sp.GetRequiredService<IOptions<EncryptionOptions>>().Value, sp.GetRequiredService<ILogger<KeyRing>>()));
        return builder;
    }

    private static KeyRing Create(EncryptionOptions options, ILogger logger)
    {
        if (options.Keys.Count == 0)
        {
            EphemeralKey(logger);
            return new KeyRing(new Dictionary<string, byte[]> { [EphemeralKeyId] = RandomNumberGenerator.GetBytes(KeySize) }, EphemeralKeyId);
        }

        var keys = options.Keys.ToDictionary(k => k.Id, k => Decode(k.Key)!, StringComparer.Ordinal);
        return new KeyRing(keys, ActiveId(options)!);
    }

    private static string? ActiveId(EncryptionOptions options) =>
        options.ActiveKeyId ?? (options.Keys.Count == 1 ? options.Keys[0].Id : null);

    private static byte[]? Decode(string base64)
    {
        var bytes = new byte[KeySize + 3];
        return Convert.TryFromBase64String(base64, bytes, out var written) && written == KeySize ? bytes[..KeySize] : null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyIdPattern();

    [LoggerMessage(Level = LogLevel.Warning, Message = "No Encryption:Keys configured: using a random key for this process only. Secrets stored now cannot be read after a restart; configure a key for anything but a test.")]
    private static partial void EphemeralKey(ILogger logger);
}
