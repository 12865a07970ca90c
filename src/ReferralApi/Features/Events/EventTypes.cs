using ReferralApi.Domain;

namespace ReferralApi.Features.Events;

/// <summary>The event types of the contract; events carry ids and codes only, never personal data.</summary>
public static class EventTypes
{
    public const string Created = "referral.created";
    public const string Received = "referral.received";
    public const string Accepted = "referral.accepted";
    public const string Declined = "referral.declined";
    public const string StatusChanged = "referral.status_changed";
    public const string Cancelled = "referral.cancelled";
    public const string Completed = "referral.completed";
    public const string NoteAdded = "referral.note_added";
    public const string Overdue = "referral.overdue";
    public const string ConsentWithdrawn = "consent.withdrawn";
    public const string AttachmentAdded = "referral.attachment_added";
    public const string AttachmentDeleted = "referral.attachment_deleted";

    /// <summary>
    /// To both parties of an onward referral (sent from a referral cancelled by a withdrawal of
    /// consent, down the chain) with its own sender as actor: its sender decides what to do; it is
    /// never cancelled from outside.
    /// </summary>
    public const string ConsentWithdrawnUpstream = "consent.withdrawn_upstream";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Created, Received, Accepted, Declined, StatusChanged, Cancelled, Completed, NoteAdded, Overdue, ConsentWithdrawn, ConsentWithdrawnUpstream, AttachmentAdded, AttachmentDeleted,
    };

    /// <summary>The event a move to <paramref name="status"/> announces.</summary>
    public static string ForStatus(ReferralStatus status) => status switch
    {
        ReferralStatus.Sent => Created,
        ReferralStatus.Received => Received,
        ReferralStatus.Accepted => Accepted,
        ReferralStatus.Declined => Declined,
        ReferralStatus.Cancelled => Cancelled,
        ReferralStatus.Completed => Completed,
        _ => StatusChanged,
    };
}
