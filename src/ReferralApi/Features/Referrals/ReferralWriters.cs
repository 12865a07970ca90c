using ReferralApi.Features.Agencies;
using ReferralApi.Features.Events;

namespace ReferralApi.Features.Referrals;

/// <summary>
/// The stores a change to a referral writes through, all on the request's one unit of work:
/// passed as one so a handler's signature names what it does, not every table it touches.
/// </summary>
internal sealed record ReferralWriters(ReferralStore Referrals, StatusHistoryStore History, EventLog Events, AgencyStore Agencies);
