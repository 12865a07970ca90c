namespace ReferralApi.Features.Agencies;

/// <summary>
/// <c>ApiKeys</c>: how long a key lives unless its creator asks for less (<c>DefaultLifetime</c>,
/// one year), the longest it may live (<c>MaxLifetime</c>, at most two years), and how many
/// unexpired, unrevoked keys one agency may hold (<c>MaxActivePerAgency</c>); and how long a key
/// row read for authentication is kept at most (<c>CacheLifetime</c>, a second; zero looks every
/// key up on every request), see <see cref="Infrastructure.Security.ApiKeyCache"/>.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "ApiKeys";

    /// <summary>No configuration lets a key live longer than this.</summary>
    public static readonly TimeSpan LongestLifetime = TimeSpan.FromDays(2 * 365);

    /// <summary>The longest <see cref="CacheLifetime"/> may be: it bounds a stale row should a change notification be lost.</summary>
    public static readonly TimeSpan LongestCacheLifetime = TimeSpan.FromMinutes(1);

    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromDays(365);

    public TimeSpan MaxLifetime { get; set; } = LongestLifetime;

    public int MaxActivePerAgency { get; set; } = 10;

    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromSeconds(1);
}
