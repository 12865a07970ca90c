namespace ReferralApi.Infrastructure.Idempotency;

internal static class IdempotencySetup
{
    public static WebApplicationBuilder AddIdempotency(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdempotencyOptions>()
            .BindConfiguration(IdempotencyOptions.SectionName)
            .Validate(o => o.Retention >= TimeSpan.FromHours(24), "Idempotency:Retention must be at least 24 hours.")
            .ValidateOnStart();
        builder.Services.AddScoped<IdempotencyStore>();
        builder.Services.AddScoped<IdempotencyKeys>();
        builder.Services.AddScoped<IdempotencyCompletion>();
        builder.Services.AddHostedService<IdempotencyPurge>();
        return builder;
    }
}
