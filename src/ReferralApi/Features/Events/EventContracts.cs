namespace ReferralApi.Features.Events;

/// <summary>Something that happened to a referral the caller is a party to.</summary>
public sealed record EventResponse(Guid Id, string Type, DateTimeOffset OccurredAt, EventData Data);

/// <summary>Ids and codes only: the referral's state after the event, and who caused it.</summary>
public sealed record EventData(Guid ReferralId, Guid CaseId, string Status, int Version, Guid ActorAgencyId);

/// <summary>
/// A page of the feed. <c>nextCursor</c> is always present: pass it as <c>cursor</c> on the next
/// poll, even when no items came back, and no event is ever skipped or repeated.
/// </summary>
public sealed record EventPage(IReadOnlyList<EventResponse> Items, string NextCursor);
