using System.ComponentModel.DataAnnotations;

namespace ReferralApi.Features.Webhooks;

/// <summary>Registers a webhook. <c>eventTypes</c> empty or absent = every event type.</summary>
public sealed record CreateWebhookRequest(
    [property: Required, MaxLength(WebhookUrlRules.MaxLength)] string? Url,
    IReadOnlyList<string>? EventTypes,
    [property: MaxLength(WebhookValidator.DescriptionMax)] string? Description);

/// <summary>
/// Changes a webhook; absent fields stay as they are. <c>active: false</c> pauses deliveries,
/// <c>active: true</c> resumes them (also after the receiver answered 410 or kept failing).
/// </summary>
public sealed record UpdateWebhookRequest(
    [property: MaxLength(WebhookUrlRules.MaxLength)] string? Url,
    IReadOnlyList<string>? EventTypes,
    [property: MaxLength(WebhookValidator.DescriptionMax)] string? Description,
    bool? Active);

/// <summary>
/// A webhook subscription. <c>status</c>: <c>active</c>, <c>failing</c> (a delivery used up its
/// retries; new events are still tried and a success makes it active again) or <c>disabled</c>
/// (by the agency, or because the receiver answered 410 Gone) with <c>statusReason</c>.
/// </summary>
public sealed record WebhookResponse(
    Guid Id,
    string Url,
    IReadOnlyList<string> EventTypes,
    string? Description,
    string Status,
    string? StatusReason,
    DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A new webhook with its signing <c>secret</c>, shown only in this answer (null on an idempotent replay).</summary>
public sealed record WebhookCreatedResponse(
    Guid Id,
    string Url,
    IReadOnlyList<string> EventTypes,
    string? Description,
    string Status,
    string? StatusReason,
    DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Secret);

/// <summary>
/// A rotated secret, shown only in this answer (null on an idempotent replay). The previous secret
/// keeps signing too until <c>previousSecretExpiresAt</c>.
/// </summary>
public sealed record WebhookSecretResponse(Guid Id, string? Secret, DateTimeOffset? PreviousSecretExpiresAt);

/// <summary>
/// One event sent to one webhook. <c>id</c> is the <c>webhook-id</c> header it is sent with, equal
/// to <c>eventId</c> (the event's id in <c>GET /v1/events</c>, or the ping's own id); it stays the
/// same on every retry. <c>status</c>: <c>pending</c>, <c>delivered</c> or <c>failed</c>.
/// </summary>
public sealed record WebhookDeliveryResponse(
    Guid Id,
    Guid EventId,
    string EventType,
    string Status,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>
/// A webhook as an administrator sees it: whose it is, where it delivers and its state.
/// <c>receiverOrigin</c> is the URL's scheme, host and port only (its path and query may carry
/// the receiver's token); the signing secrets are never shown.
/// </summary>
public sealed record AdminWebhookResponse(
    Guid Id,
    Guid AgencyId,
    string AgencyCode,
    string AgencyName,
    string ReceiverOrigin,
    IReadOnlyList<string> EventTypes,
    string Status,
    string? StatusReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
