namespace ReferralApi.Features.Webhooks;

/// <summary>What became of one attempt, and so what the delivery row and its subscription become.</summary>
internal enum DeliveryResult
{
    /// <summary>Any 2xx.</summary>
    Delivered,

    /// <summary>Failed; tried again at <see cref="DeliveryOutcome.NextAttemptAt"/>.</summary>
    RetryLater,

    /// <summary>Failed and the schedule is used up: the subscription is marked failing.</summary>
    GaveUp,

    /// <summary>410 Gone: the receiver asked to stop, so the subscription is disabled.</summary>
    Gone,

    /// <summary>Not sent (the receiver's circuit is open, or this instance is stopping); does not count as an attempt.</summary>
    NotSent,
}

/// <summary>The outcome to record; <see cref="Error"/> is a short code, never a body or a message.</summary>
internal sealed record DeliveryOutcome(DeliveryResult Result, int? StatusCode, string? Error, DateTimeOffset? NextAttemptAt);
