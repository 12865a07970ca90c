using ReferralApi.Domain;
using static ReferralApi.Domain.ReferralStatus;

namespace ReferralApi.Features.Referrals;

/// <summary>Which side of a referral the caller is on.</summary>
internal enum Party
{
    Sender,
    Receiver,
}

/// <summary>What a move must carry besides the target status.</summary>
internal enum Requirement
{
    None,
    ReasonCode,
    Outcome,
}

/// <summary>One row of the contract's transition table.</summary>
internal sealed record Transition(ReferralStatus[] From, ReferralStatus To, Party By, Requirement Requires = Requirement.None);

/// <summary>
/// The contract's transition table, row for row. It both enforces moves and computes
/// <c>allowedActions</c>, so the two can never disagree.
/// </summary>
internal static class ReferralLifecycle
{
    public static readonly IReadOnlyList<Transition> Table =
    [
        new([Sent], Received, Party.Receiver),
        new([Sent, Received], Accepted, Party.Receiver),
        new([Sent, Received], Declined, Party.Receiver, Requirement.ReasonCode),
        new([Accepted, OnHold], InProgress, Party.Receiver),
        new([Accepted, InProgress], OnHold, Party.Receiver, Requirement.ReasonCode),
        new([Accepted, InProgress, OnHold], Completed, Party.Receiver, Requirement.Outcome),
        new([Accepted, InProgress, OnHold], Failed, Party.Receiver, Requirement.ReasonCode),
        new([Sent, Received, Accepted, InProgress, OnHold], Cancelled, Party.Sender, Requirement.ReasonCode),
    ];

    private static readonly Dictionary<ReferralStatus, string> ActionNames = new()
    {
        [Received] = "acknowledge_receipt",
        [Accepted] = "accept",
        [Declined] = "decline",
        [InProgress] = "start",
        [OnHold] = "hold",
        [Completed] = "complete",
        [Failed] = "fail",
        [Cancelled] = "cancel",
    };

    public static bool IsTerminal(ReferralStatus status) => status is Declined or Cancelled or Completed or Failed;

    /// <summary>Not yet answered: the receiver still owes an acceptance or a decline.</summary>
    public static bool AwaitsAnswer(ReferralStatus status) => status is Sent or Received;

    /// <summary>The receiver sees the subject's identity only while it holds an accepted referral.</summary>
    public static bool DisclosesIdentityToReceiver(ReferralStatus status) => status is Accepted or InProgress or OnHold or Completed or Failed;

    public static IEnumerable<Transition> From(ReferralStatus status, Party party) =>
        Table.Where(t => t.From.Contains(status) && t.By == party);

    public static Transition? Find(ReferralStatus from, ReferralStatus to, Party party) =>
        Table.FirstOrDefault(t => t.From.Contains(from) && t.To == to && t.By == party);

    /// <summary>True when some row lets this party reach the target at all, from any status.</summary>
    public static bool PartyMayEverMoveTo(ReferralStatus to, Party party) =>
        Table.Any(t => t.To == to && t.By == party);

    public static Requirement RequirementFor(ReferralStatus to) =>
        Table.First(t => t.To == to).Requires;

    public static string ActionName(ReferralStatus to) => ActionNames[to];

    public static IReadOnlyList<string> AllowedActions(ReferralStatus status, Party party) =>
        [.. From(status, party).Select(t => ActionName(t.To))];
}
