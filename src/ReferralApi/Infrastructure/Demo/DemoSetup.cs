using Microsoft.Extensions.Options;

namespace ReferralApi.Infrastructure.Demo;

internal static class DemoSetup
{
    public static WebApplicationBuilder AddDemoData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName);
        builder.Services.AddSingleton<DemoSeeder>();
        return builder;
    }

    public static async Task SeedDemoDataAsync(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Seed)
        {
            await app.Services.GetRequiredService<DemoSeeder>().SeedAsync(app.Lifetime.ApplicationStopping);
        }
    }
}
