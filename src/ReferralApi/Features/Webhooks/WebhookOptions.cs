namespace ReferralApi.Features.Webhooks;

/// <summary>Webhook subscriptions and their delivery (<c>Webhooks:*</c>).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>The Standard Webhooks schedule: about 3 days in all, 10 attempts.</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultRetrySchedule =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5),
        TimeSpan.FromHours(10), TimeSpan.FromHours(14), TimeSpan.FromHours(20), TimeSpan.FromHours(24),
    ];

    /// <summary>Allow http and loopback/private addresses: for local testing and the demo only.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>
    /// The waits between attempts after the first. Empty means <see cref="DefaultRetrySchedule"/>
    /// (the configuration binder appends to a pre-filled list, so the default is applied afterwards).
    /// </summary>
    public List<TimeSpan> RetrySchedule { get; set; } = [];

    /// <summary>How long one attempt may take, connection included (at most 15 s).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the previous secret keeps signing after a rotation.</summary>
    public TimeSpan SecretOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often an idle worker looks for due deliveries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed delivery is reserved for its worker; a crashed worker's rows are taken again after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a delivered or failed delivery stays in the log (and can be redelivered) before it is deleted.</summary>
    public TimeSpan DeliveryRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often each instance deletes the deliveries past <see cref="DeliveryRetention"/>.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Deliveries in flight at once in one instance.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 32;

    /// <summary>Per receiving host: how long its circuit stays open after it keeps failing.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Per receiving host: the share of failed attempts in the sampling window that opens the circuit.</summary>
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>Per receiving host: attempts needed in the window before the circuit may open.</summary>
    public int CircuitMinimumThroughput { get; set; } = 5;

    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Subscriptions one agency may hold; each one fans out every event to one more receiver.</summary>
    public int MaxSubscriptionsPerAgency { get; set; } = 10;

    /// <summary>Pings one agency may queue per minute (per instance); a ping is a real, signed, retried delivery.</summary>
    public int PingsPerMinute { get; set; } = 5;

    public IReadOnlyList<TimeSpan> EffectiveRetrySchedule => RetrySchedule.Count > 0 ? RetrySchedule : DefaultRetrySchedule;
}
