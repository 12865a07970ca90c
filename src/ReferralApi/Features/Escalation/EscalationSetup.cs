namespace ReferralApi.Features.Escalation;

internal static class EscalationSetup
{
    public static WebApplicationBuilder AddEscalation(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OverdueOptions>().BindConfiguration(OverdueOptions.SectionName)
            .Validate(o => o.CheckInterval > TimeSpan.Zero, "Referrals:Overdue:CheckInterval must be positive.")
            .Validate(o => o.BatchSize is >= 1 and <= 1000, "Referrals:Overdue:BatchSize must be 1 to 1000.")
            .ValidateOnStart();
        builder.Services.AddHostedService<OverdueWorker>();
        return builder;
    }
}
