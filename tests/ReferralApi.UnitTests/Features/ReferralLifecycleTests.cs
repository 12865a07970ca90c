using ReferralApi.Domain;
using ReferralApi.Features.Referrals;

namespace ReferralApi.UnitTests.Features;

/// <summary>
/// Walks every (from, to, party) combination against the contract's transition table, copied
/// here from the contract's text rather than from the code, so a slip in either shows up.
/// </summary>
public sealed class ReferralLifecycleTests
{
    // The contract, "Acknowledgement and status": from | to | who | requires.
    private static readonly (string[] From, string To, string Who, string Requires)[] Contract =
    [
        (["sent"], "received", "receiver", "—"),
        (["sent", "received"], "accepted", "receiver", "—"),
        (["sent", "received"], "declined", "receiver", "reasonCode"),
        (["accepted", "on_hold"], "in_progress", "receiver", "—"),
        (["accepted", "in_progress"], "on_hold", "receiver", "reasonCode"),
        (["accepted", "in_progress", "on_hold"], "completed", "receiver", "outcome"),
        (["accepted", "in_progress", "on_hold"], "failed", "receiver", "reasonCode"),
        (["sent", "received", "accepted", "in_progress", "on_hold"], "cancelled", "sender", "reasonCode"),
    ];

    private static readonly string[] ContractStatuses =
        ["sent", "received", "accepted", "declined", "in_progress", "on_hold", "completed", "failed", "cancelled"];

    private static readonly string[] ContractTerminal = ["declined", "cancelled", "completed", "failed"];

    // The contract names three actions ("accept", "decline", "acknowledge_receipt"); the rest are the API's.
    private static readonly Dictionary<string, string> ActionFor = new(StringComparer.Ordinal)
    {
        ["received"] = "acknowledge_receipt",
        ["accepted"] = "accept",
        ["declined"] = "decline",
        ["in_progress"] = "start",
        ["on_hold"] = "hold",
        ["completed"] = "complete",
        ["failed"] = "fail",
        ["cancelled"] = "cancel",
    };

    private static readonly Party[] Parties = [Party.Sender, Party.Receiver];

    private static readonly HashSet<(ReferralStatus From, ReferralStatus To, Party By)> Allowed =
    [
        .. Contract.SelectMany(row => row.From.Select(from => (Status(from), Status(row.To), PartyOf(row.Who)))),
    ];

    [Fact]
    public void ContractStatuses_AreExactlyTheDomainStatuses()
    {
        Assert.Equal(ContractStatuses.Select(Status).Order(), Enum.GetValues<ReferralStatus>().Order());
        Assert.Equal(20, Allowed.Count);
    }

    [Fact]
    public void Find_AgreesWithTheContract_ForEveryCombination()
    {
        var mismatches = new List<string>();
        var checkedCount = 0;
        foreach (var (from, to, party) in Combinations())
        {
            checkedCount++;
            var found = ReferralLifecycle.Find(from, to, party);
            var expected = Allowed.Contains((from, to, party));
            if ((found is not null) != expected)
            {
                mismatches.Add($"{Describe(from, to, party)}: contract {(expected ? "allows" : "forbids")} it, Find returned {(found is null ? "null" : "a transition")}");
            }
            else if (found is not null && found.Requires != ExpectedRequirement(to))
            {
                mismatches.Add($"{Describe(from, to, party)}: requires {found.Requires}, contract says {ExpectedRequirement(to)}");
            }
        }

        Assert.Equal(9 * 9 * 2, checkedCount);
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    [Fact]
    public void FromAndAllowedActions_AgreeWithTheContract_ForEveryStatusAndParty()
    {
        var mismatches = new List<string>();
        foreach (var from in Enum.GetValues<ReferralStatus>())
        {
            foreach (var party in Parties)
            {
                var expectedTargets = Allowed.Where(a => a.From == from && a.By == party).Select(a => a.To).Order().ToList();
                var targets = ReferralLifecycle.From(from, party).Select(t => t.To).Order().ToList();
                if (!targets.SequenceEqual(expectedTargets))
                {
                    mismatches.Add($"From({Codes.Of(from)}, {party}): [{string.Join(", ", targets.Select(Codes.Of))}], contract [{string.Join(", ", expectedTargets.Select(Codes.Of))}]");
                }

                var expectedActions = expectedTargets.Select(t => ActionFor[Codes.Of(t)]).Order(StringComparer.Ordinal).ToList();
                var actions = ReferralLifecycle.AllowedActions(from, party).Order(StringComparer.Ordinal).ToList();
                if (!actions.SequenceEqual(expectedActions))
                {
                    mismatches.Add($"AllowedActions({Codes.Of(from)}, {party}): [{string.Join(", ", actions)}], expected [{string.Join(", ", expectedActions)}]");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    [Fact]
    public void PartyMayEverMoveTo_AgreesWithTheContract_ForEveryTargetAndParty()
    {
        var mismatches = new List<string>();
        foreach (var to in Enum.GetValues<ReferralStatus>())
        {
            foreach (var party in Parties)
            {
                var expected = Allowed.Any(a => a.To == to && a.By == party);
                if (ReferralLifecycle.PartyMayEverMoveTo(to, party) != expected)
                {
                    mismatches.Add($"PartyMayEverMoveTo({Codes.Of(to)}, {party}) should be {expected}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    [Fact]
    public void TerminalStatuses_AllowNothing_AndEveryOtherStatusAllowsSomething()
    {
        foreach (var status in Enum.GetValues<ReferralStatus>())
        {
            var terminal = ContractTerminal.Contains(Codes.Of(status));
            var moves = Parties.SelectMany(p => ReferralLifecycle.From(status, p)).ToList();
            var actions = Parties.SelectMany(p => ReferralLifecycle.AllowedActions(status, p)).ToList();

            Assert.Equal(terminal, ReferralLifecycle.IsTerminal(status));
            if (terminal)
            {
                Assert.Empty(moves);
                Assert.Empty(actions);
            }
            else
            {
                // The sender can always cancel an open referral, so no open status is a dead end.
                Assert.NotEmpty(moves);
                Assert.Contains("cancel", ReferralLifecycle.AllowedActions(status, Party.Sender));
            }
        }
    }

    [Fact]
    public void RequirementFor_AgreesWithTheContract_ForEveryReachableStatus()
    {
        foreach (var row in Contract)
        {
            Assert.Equal(ExpectedRequirement(Status(row.To)), ReferralLifecycle.RequirementFor(Status(row.To)));
        }
    }

    private static IEnumerable<(ReferralStatus From, ReferralStatus To, Party By)> Combinations() =>
        from source in Enum.GetValues<ReferralStatus>()
        from target in Enum.GetValues<ReferralStatus>()
        from party in Parties
        select (source, target, party);

    private static Requirement ExpectedRequirement(ReferralStatus to) =>
        Contract.Single(r => r.To == Codes.Of(to)).Requires switch
        {
            "reasonCode" => Requirement.ReasonCode,
            "outcome" => Requirement.Outcome,
            _ => Requirement.None,
        };

    private static ReferralStatus Status(string code) => Codes.Parse<ReferralStatus>(code);

    private static Party PartyOf(string who) => who == "sender" ? Party.Sender : Party.Receiver;

    private static string Describe(ReferralStatus from, ReferralStatus to, Party party) => $"{Codes.Of(from)} -> {Codes.Of(to)} by {party}";
}
