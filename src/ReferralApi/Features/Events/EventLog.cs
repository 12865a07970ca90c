using ReferralApi.Features.Webhooks;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Events;

/// <summary>
/// The owner of the <c>events</c> table. Appends an event inside the transaction of the change it
/// reports, one row per party, and queues its webhook deliveries in the same transaction, so the
/// change, its announcement and its deliveries commit together or not at all.
/// </summary>
internal sealed class EventLog(UnitOfWork db)
{
    public const string Insert = """
        INSERT INTO events (event_id, agency_id, type, occurred_at, referral_id, case_id, status, version, actor_agency_id, attachment_id, attachment_kind)
        VALUES (@EventId, @FromAgencyId, @Type, @OccurredAt, @ReferralId, @CaseId, @Status, @Version, @ActorAgencyId, @AttachmentId, @AttachmentKind),
               (@EventId, @ToAgencyId, @Type, @OccurredAt, @ReferralId, @CaseId, @Status, @Version, @ActorAgencyId, @AttachmentId, @AttachmentKind)
        """;

    /// <summary>The event and its deliveries in one command: one round trip, the same parameters.</summary>
    public const string InsertWithDeliveries = Insert + ";\n" + WebhookOutbox.EnqueueForParties;

    /// <summary>The agency's events after <paramref name="position"/>, in an order no later commit can slip into.</summary>
    public Task<IReadOnlyList<EventRow>> ReadFeedAsync(Guid agency, FeedPosition position, IReadOnlyCollection<string> types, int limit, CancellationToken ct)
    {
        var (sql, args) = EventFeedQuery.Build(db.Dialect, agency, position, types, limit);
        return db.QueryAsync<EventRow>(sql, args, ct);
    }

    public Task AppendAsync(NewEvent change, CancellationToken ct) => db.ExecuteAsync(InsertWithDeliveries, Arguments(change), ct);

    /// <summary>
    /// The event and its deliveries, added to writes that go to the database together: as two of
    /// the batch's statements where it travels in one round trip, otherwise as their own one command.
    /// Static, as it seals nothing: the stores' instance methods are those that need the cipher.
    /// </summary>
    public static void AppendIn(StatementBatch writes, NewEvent change)
    {
        var args = Arguments(change);
        if (!writes.TravelsAsOne)
        {
            writes.Add(InsertWithDeliveries, args);
            return;
        }

        writes.Add(Insert, args);
        writes.Add(WebhookOutbox.EnqueueForParties, args);
    }

    /// <summary>The parameters of <see cref="InsertWithDeliveries"/> for one event.</summary>
    internal static object Arguments(NewEvent change) =>
        new
        {
            change.EventId,
            change.Type,
            change.OccurredAt,
            change.ReferralId,
            change.CaseId,
            change.FromAgencyId,
            change.ToAgencyId,
            change.Status,
            change.Version,
            change.ActorAgencyId,
            AttachmentId = change.Attachment?.Id,
            AttachmentKind = change.Attachment?.Kind,
            TypePattern = EventTypeFilter.PatternFor(change.Type),
        };
}

/// <summary>An event about to be written for both parties of <see cref="ReferralId"/>.</summary>
internal sealed record NewEvent(
    string Type,
    DateTimeOffset OccurredAt,
    Guid ReferralId,
    Guid CaseId,
    Guid FromAgencyId,
    Guid ToAgencyId,
    string Status,
    int Version,
    Guid ActorAgencyId)
{
    public Guid EventId { get; } = Guid.CreateVersion7();

    /// <summary>The attachment an attachment event is about; null for every other event.</summary>
    public EventAttachment? Attachment { get; init; }
}
