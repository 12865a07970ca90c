using System.Data.Common;
using Dapper;
using ReferralApi.Features.Webhooks;

namespace ReferralApi.Features.Events;

/// <summary>
/// Appends an event inside the transaction of the change it reports, one row per party, and
/// queues its webhook deliveries in the same transaction, so the change, its announcement and
/// its deliveries commit together or not at all.
/// </summary>
internal static class EventLog
{
    public const string Insert = """
        INSERT INTO events (event_id, agency_id, type, occurred_at, referral_id, case_id, status, version, actor_agency_id)
        VALUES (@EventId, @FromAgencyId, @Type, @OccurredAt, @ReferralId, @CaseId, @Status, @Version, @ActorAgencyId),
               (@EventId, @ToAgencyId, @Type, @OccurredAt, @ReferralId, @CaseId, @Status, @Version, @ActorAgencyId)
        """;

    public static async Task AppendAsync(DbConnection connection, DbTransaction transaction, NewEvent change, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(Insert, change, transaction, cancellationToken: ct));
        await WebhookOutbox.EnqueueAsync(connection, transaction, change, ct);
    }
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
}
