namespace ReferralApi.Features.Agencies;

internal static class AgencySetup
{
    public static WebApplicationBuilder AddAgencies(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AgencyStore>();
        builder.Services.AddSingleton<ApiKeyStore>();
        return builder;
    }
}
