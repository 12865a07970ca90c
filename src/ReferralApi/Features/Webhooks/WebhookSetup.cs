namespace ReferralApi.Features.Webhooks;

internal static class WebhookSetup
{
    /// <summary>
    /// Options, stores (scoped: one unit of work per request), the delivery client and the worker. The client never follows redirects and
    /// connects through <see cref="GuardedConnector"/>; its default request logging is removed
    /// because it would write receiver URLs (which may carry tokens) to the log.
    /// </summary>
    public static WebApplicationBuilder AddWebhooks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.SectionName)
            .Validate(o => o.AttemptTimeout > TimeSpan.Zero && o.AttemptTimeout <= TimeSpan.FromSeconds(15), "Webhooks:AttemptTimeout must be more than 0 and at most 15 seconds.")
            .Validate(o => o.LeaseDuration > o.AttemptTimeout, "Webhooks:LeaseDuration must be longer than Webhooks:AttemptTimeout.")
            .Validate(o => o.RetrySchedule.All(w => w > TimeSpan.Zero), "Webhooks:RetrySchedule entries must be positive.")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.SecretOverlap >= TimeSpan.Zero, "Webhooks:PollInterval must be positive and Webhooks:SecretOverlap not negative.")
            .Validate(o => o.DeliveryRetention >= TimeSpan.FromDays(1) && o.PurgeInterval > TimeSpan.Zero, "Webhooks:DeliveryRetention must be at least 1 day and Webhooks:PurgeInterval positive.")
            .Validate(o => o.MaxConcurrentDeliveries is >= 1 and <= 1000, "Webhooks:MaxConcurrentDeliveries must be 1 to 1000.")
            .Validate(o => o.CircuitBreakDuration >= TimeSpan.FromMilliseconds(500) && o.CircuitSamplingDuration >= TimeSpan.FromMilliseconds(500), "Webhooks circuit durations must be at least 0.5 s.")
            .Validate(o => o.CircuitFailureRatio is > 0 and <= 1 && o.CircuitMinimumThroughput >= 2, "Webhooks:CircuitFailureRatio must be in (0, 1] and CircuitMinimumThroughput at least 2.")
            .Validate(o => o.MaxSubscriptionsPerAgency >= 1 && o.PingsPerMinute >= 1, "Webhooks:MaxSubscriptionsPerAgency and Webhooks:PingsPerMinute must be at least 1.")
            .ValidateOnStart();

        builder.Services.AddSingleton<WebhookUrlValidator>();
        builder.Services.AddScoped<WebhookSubscriptionStore>();
        builder.Services.AddSingleton<PingLimiter>();
        builder.Services.AddScoped<WebhookDeliveryStore>();
        builder.Services.AddScoped<WebhookAdminStore>();
        builder.Services.AddScoped<DeliveryQueue>();
        builder.Services.AddScoped<DeliveryOutcomeStore>();
        builder.Services.AddScoped<WebhookOutbox>();
        builder.Services.AddSingleton<WebhookPayload>();
        builder.Services.AddSingleton<WebhookRetryPolicy>();
        builder.Services.AddSingleton<WebhookResilience>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<GuardedConnector>();
        builder.Services.AddHttpClient(WebhookSender.ClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd(WebhookUserAgent.Value);
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
                ConnectCallback = sp.GetRequiredService<GuardedConnector>().ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .RemoveAllLoggers();
        builder.Services.AddHostedService<WebhookDeliveryWorker>();
        builder.Services.AddHostedService<DeliveryLogPurge>();
        return builder;
    }
}
