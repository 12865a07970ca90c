using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReferralApi.Infrastructure.Json;

/// <summary>
/// Instants are RFC 3339 with an explicit offset on input (a bare local time is ambiguous across
/// WIB/WITA/WIT and is refused) and always UTC with a <c>Z</c> on output.
/// </summary>
internal sealed class Rfc3339InstantConverter : JsonConverter<DateTimeOffset>
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (text is not null
            && (text.EndsWith('Z') || text.EndsWith('z') || HasNumericOffset(text))
            && DateTimeOffset.TryParseExact(text.ToUpperInvariant(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            return Instant.Normalize(value);
        }

        throw new JsonException(JsonErrorKinds.Instant);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture));

    private static bool HasNumericOffset(string text) =>
        text.Length > 6 && (text[^6] == '+' || text[^6] == '-') && text[^3] == ':';
}
