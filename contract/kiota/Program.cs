// One referral's life through the Kiota client generated from the published document: the police
// send it, the UPTD PPA acknowledges (with If-Match) and accepts it, services start and complete,
// and both read the history and the event feed. Every answer is checked against what the API
// must have done; compiling alone would prove nothing.
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using ReferralApi.Client.Models;
using ReferralApi.KiotaLifecycle;

// Kiota's own handler chain (retry, redirect, header inspection), as an integrator would get it.
using var policeHttp = KiotaClientFactory.Create();
using var shelterHttp = KiotaClientFactory.Create();
var police = Setup.ClientFor(Setup.DemoKey("POLDA-KALBAR-PPA"), policeHttp);
var shelter = Setup.ClientFor(Setup.DemoKey("UPTD-PPA-KALBAR"), shelterHttp);
var check = new Checks();

var found = await police.V1.Agencies.GetAsync(r =>
{
    r.QueryParameters.Q = "UPTD-PPA-KALBAR";
    r.QueryParameters.Limit = 5;
});
var receiver = found?.Items?.FirstOrDefault();
check.That(receiver?.Code == "UPTD-PPA-KALBAR" && receiver.Sector == Sector.Women_child_protection, "the directory finds UPTD PPA Kalbar with its sector");

var referral = new CreateReferralRequest
{
    ToAgencyId = receiver.Id,
    ExternalReference = $"LP/KIOTA/{DateTime.UtcNow.Ticks}",
    Urgency = Urgency.Urgent,
    ViolenceTypes = [ViolenceType.Sexual, ViolenceType.Trafficking],
    ServicesRequested = [Service.Psychosocial, Service.Safe_house],
    Reason = "Returned through Entikong; needs a safe house and counselling.",
    Subject = new SubjectDetailsInput { Initials = "S.A.", FullName = "Siti A.", Sex = Sex.Female, AgeYears = 19 },
    LegalBasis = LegalBasis.Consent,
    Consent = new ConsentRecordInput { GivenBy = ConsentGiver.Subject, ObtainedAt = DateTimeOffset.Parse("2026-11-27T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture), ObtainedBy = "Bripka R.", Scope = "recovery services" },
};
var sent = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
var created = await police.V1.Referrals.PostAsync(referral, r =>
{
    r.Headers.Add("Idempotency-Key", $"kiota-{Guid.NewGuid()}");
    r.Options.Add(sent);
});
check.That(created?.Id is not null && created.Status == ReferralStatus.Sent && created.Version == 1, "the police send a referral: sent, version 1");
var id = created.Id.Value;
var etag = sent.ResponseHeaders.TryGetValue("ETag", out var values) ? values.FirstOrDefault() : null;
check.That(etag == "\"1\"", $"its ETag is \"1\" (got {etag})");

var seen = await shelter.V1.Referrals[id].GetAsync();
check.That(seen?.Subject?.Initials == "S.A." && seen.Subject.FullName is null, "before acceptance the receiver sees initials, not the name");

var acknowledgement = shelter.V1.Referrals[id].Acknowledgement;
var received = await acknowledgement.PostAsync(new AcknowledgeReferralRequest { Decision = AcknowledgementDecision.Received }, r => r.Headers.Add("If-Match", etag));
check.That(received?.Status == ReferralStatus.Received && received.Version == 2, "receipt acknowledged with If-Match");

try
{
    await acknowledgement.PostAsync(new AcknowledgeReferralRequest { Decision = AcknowledgementDecision.Accepted }, r => r.Headers.Add("If-Match", etag));
    check.That(false, "a stale If-Match must be refused");
}
catch (ApiException stale)
{
    check.That(stale.ResponseStatusCode == 412, $"a stale If-Match is refused with 412 (got {stale.ResponseStatusCode})");
}

var accepted = await acknowledgement.PostAsync(new AcknowledgeReferralRequest { Decision = AcknowledgementDecision.Accepted, ReceiverReference = "UPTD/2026/0456" });
check.That(accepted?.Status == ReferralStatus.Accepted && accepted.Subject?.FullName == "Siti A.", "accepted, the receiver sees the name");

var status = shelter.V1.Referrals[id].Status;
var started = await status.PostAsync(new ChangeReferralStatusRequest { Status = ReferralStatus.In_progress });
check.That(started?.Status == ReferralStatus.In_progress, "services start");
var completed = await status.PostAsync(new ChangeReferralStatusRequest { Status = ReferralStatus.Completed, Outcome = "Counselling completed; returned to family." });
check.That(completed?.Status == ReferralStatus.Completed && completed.AllowedActions is { Count: 0 }, "completed, nothing more to do");

var history = await police.V1.Referrals[id].Status.GetAsync();
var moves = string.Join(",", history?.History?.Select(entry => entry.Status) ?? []);
check.That(moves == "Sent,Received,Accepted,In_progress,Completed", $"the sender reads the whole history ({moves})");

var feed = await shelter.V1.Events.GetAsync(r => r.QueryParameters.Limit = 200);
EventType?[] expected =
[
    EventType.ReferralCreated, EventType.ReferralReceived, EventType.ReferralAccepted,
    EventType.ReferralStatus_changed, EventType.ReferralCompleted,
];
var types = feed?.Items?.Where(e => e.Data?.ReferralId == id).Select(e => e.Type).ToArray() ?? [];
check.That(types.SequenceEqual(expected), $"the receiver's feed tells every step ({string.Join(",", types)})");

Console.WriteLine($"kiota client: {check.Passed} checks passed");
