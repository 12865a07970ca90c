using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReferralApi.Infrastructure.Json;

/// <summary>
/// Refuses U+0000 in any string of a request. PostgreSQL cannot store it in text and no field of the
/// contract needs it, so every engine answers 400 naming the field instead of one failing with 500.
/// </summary>
internal sealed class NulFreeStringConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (value is null || value.Contains('\0', StringComparison.Ordinal))
        {
            throw new JsonException();
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
