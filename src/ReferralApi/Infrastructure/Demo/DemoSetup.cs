using Microsoft.Extensions.Options;

namespace ReferralApi.Infrastructure.Demo;

internal static class DemoSetup
{
    public static WebApplicationBuilder AddDemoData(this WebApplicationBuilder builder)
    {
        // Demo agencies come with printed keys: never in Production.
        var production = builder.Environment.IsProduction();
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName)
            .Validate(o => !production || !o.Seed, "Demo:Seed is for laptops and refuses to run in Production.")
            .ValidateOnStart();
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
