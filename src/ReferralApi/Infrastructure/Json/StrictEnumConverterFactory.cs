using System.Text.Json;
using System.Text.Json.Serialization;
using ReferralApi.Domain;

namespace ReferralApi.Infrastructure.Json;

/// <summary>
/// Codes travel as exact lower snake_case strings. Unlike the framework's converter this refuses
/// numbers, other casings and member names, so a typo is a 400 rather than a silent default.
/// </summary>
internal sealed class StrictEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class StrictEnumConverter<T> : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && Codes.TryParse<T>(reader.GetString(), out var value))
            {
                return value;
            }

            throw new JsonException(UnknownCodeMessage);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Codes.Of(value));

        private static readonly string UnknownCodeMessage =
            $"{JsonErrorKinds.UnknownCode}:{string.Join(", ", Codes.All<T>())}";
    }
}
