namespace ReferralApi.Features.Events;

/// <summary>Something that happened to a referral the caller is a party to.</summary>
public sealed record EventResponse(Guid Id, string Type, DateTimeOffset OccurredAt, EventData Data);

/// <summary>Ids and codes only: the referral's state after the event, and who caused it.</summary>
/// <param name="ReferralId">The referral.</param>
/// <param name="CaseId">Its case.</param>
/// <param name="Status">Its status after the event.</param>
/// <param name="Version">Its version after the event.</param>
/// <param name="ActorAgencyId">The agency that caused the event.</param>
/// <param name="Attachment">The attachment added or deleted (referral.attachment_added, referral.attachment_deleted); null for other events.</param>
public sealed record EventData(Guid ReferralId, Guid CaseId, string Status, int Version, Guid ActorAgencyId, EventAttachment? Attachment);

/// <summary>Which attachment an event is about: its id and kind, never its name.</summary>
/// <param name="Id">The attachment's id.</param>
/// <param name="Kind">A code of the attachmentKinds vocabulary.</param>
public sealed record EventAttachment(Guid Id, string Kind)
{
    internal static EventAttachment? Of(Guid? id, string? kind) => id is { } attachment && kind is not null ? new(attachment, kind) : null;
}

/// <summary>
/// A page of the feed. <c>nextCursor</c> is always present: pass it as <c>cursor</c> on the next
/// poll, even when no items came back, and no event is ever skipped or repeated.
/// </summary>
public sealed record EventPage(IReadOnlyList<EventResponse> Items, string NextCursor);
