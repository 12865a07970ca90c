namespace ReferralApi.Infrastructure.Json;

/// <summary>Instants are kept in UTC at microsecond precision, the finest every engine stores.</summary>
internal static class Instant
{
    public static DateTimeOffset Normalize(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    public static DateTimeOffset Now(this TimeProvider clock) => Normalize(clock.GetUtcNow());
}
