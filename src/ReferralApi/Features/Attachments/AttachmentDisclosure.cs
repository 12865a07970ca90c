using ReferralApi.Domain;
using ReferralApi.Features.Referrals;
using ReferralApi.Infrastructure.Errors;

namespace ReferralApi.Features.Attachments;

/// <summary>
/// Who may see what of a referral's attachments, as for the subject's identity: the sender always;
/// the receiver only while it holds an accepted referral (not before acceptance, nor after a
/// decline or a cancellation, which a withdrawal of consent is); anyone else never sees the referral.
/// </summary>
internal static class AttachmentDisclosure
{
    public static bool MayOpen(ReferralRow referral, Guid agency) =>
        ReferralView.PartyOf(referral, agency) == Party.Sender
        || ReferralLifecycle.DisclosesIdentityToReceiver(Codes.Parse<ReferralStatus>(referral.Status));

    /// <summary>403 not-yet-accepted, saying which status keeps the receiver out.</summary>
    public static void RequireMayOpen(ReferralRow referral, Guid agency)
    {
        if (!MayOpen(referral, agency))
        {
            throw new ApiProblem(ProblemCodes.NotYetAccepted, new LocalizedText(Messages.ReceiverNotAccepted, referral.Status));
        }
    }
}
