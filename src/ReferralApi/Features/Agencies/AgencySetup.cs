namespace ReferralApi.Features.Agencies;

internal static class AgencySetup
{
    public static WebApplicationBuilder AddAgencies(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AgencyStore>();
        builder.Services.AddScoped<ApiKeyStore>();
        builder.Services.AddScoped<ApiKeyLineage>();
        builder.Services.AddScoped<AgencyWriteLock>();
        builder.Services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName)
            .Validate(o => o.MaxLifetime > TimeSpan.Zero && o.MaxLifetime <= ApiKeyOptions.LongestLifetime, "ApiKeys:MaxLifetime must be positive and at most two years.")
            .Validate(o => o.DefaultLifetime > TimeSpan.Zero && o.DefaultLifetime <= o.MaxLifetime, "ApiKeys:DefaultLifetime must be positive and at most ApiKeys:MaxLifetime.")
            .Validate(o => o.MaxActivePerAgency >= 1, "ApiKeys:MaxActivePerAgency must be at least 1.")
            .Validate(
                o => o.CacheLifetime >= TimeSpan.Zero && o.CacheLifetime <= ApiKeyOptions.LongestCacheLifetime,
                "ApiKeys:CacheLifetime must be between zero (no cache) and one minute.")
            .ValidateOnStart();
        return builder;
    }
}
