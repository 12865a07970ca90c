namespace ReferralApi.Infrastructure.Json;

/// <summary>Markers our converters put in a <see cref="System.Text.Json.JsonException"/> so the error can be explained.</summary>
internal static class JsonErrorKinds
{
    public const string UnknownCode = "unknown-code";
    public const string Instant = "instant";
}
