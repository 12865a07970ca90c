using ReferralApi.Domain;
using ReferralApi.Features.Agencies;
using ReferralApi.Infrastructure.Errors;

namespace ReferralApi.Features.Referrals;

/// <summary>
/// Routing rules on the receiving agency. A referral must go to an active agency that takes
/// referrals, is not closed, and offers at least one of the requested services; a full agency may
/// still receive one (a victim may have nowhere else to go), but the sender is told.
/// </summary>
internal static class RecipientRules
{
    public const string FullWarning = "recipient-full";
    public const string PartlyOfferedWarning = "services-partly-offered";

    /// <summary>The recipient, read in the sender's transaction, when it may receive the referral.</summary>
    public static async Task<AgencyRow> RequireAsync(AgencyStore agencies, Guid toAgencyId, IReadOnlyCollection<Service> requested, CancellationToken ct)
    {
        var recipient = await agencies.FindAsync(toAgencyId, ct);
        var takesReferrals = recipient is { Active: true, AcceptsReferrals: true }
            && Codes.FromJsonList<AgencyRole>(recipient.Roles).Contains(AgencyRole.Agency);
        if (!takesReferrals)
        {
            throw new ApiProblem(ProblemCodes.RecipientUnavailable);
        }

        if (recipient!.CapacityStatus == Codes.Of(CapacityStatus.Closed))
        {
            throw new ApiProblem(ProblemCodes.RecipientClosed);
        }

        var offered = Codes.FromJsonList<Service>(recipient.Services);
        if (!requested.Any(offered.Contains))
        {
            var codes = offered.Select(Codes.Of).ToArray();
            throw new ApiProblem(ProblemCodes.ServiceNotOffered, new LocalizedText(Messages.ServicesOffered, codes.Length == 0 ? "-" : string.Join(", ", codes)))
            {
                Extensions = new Dictionary<string, object?> { ["offeredServices"] = codes },
            };
        }

        return recipient;
    }

    /// <summary>
    /// What the sender should know about a referral it sent, judged on the recipient as it is now
    /// (so a replayed answer tells the current state, like the rest of the body).
    /// </summary>
    public static async Task<IReadOnlyList<ReferralWarning>> WarningsAsync(
        AgencyStore agencies, ReferralRow referral, Language language, CancellationToken ct)
    {
        var recipient = await agencies.FindAsync(referral.ToAgencyId, ct);
        return recipient is null ? [] : Warnings(recipient, referral, language);
    }

    /// <summary>As above, judged on <paramref name="recipient"/> as the caller has just read it.</summary>
    public static IReadOnlyList<ReferralWarning> Warnings(AgencyRow recipient, ReferralRow referral, Language language)
    {
        var warnings = new List<ReferralWarning>();
        if (recipient.CapacityStatus == Codes.Of(CapacityStatus.Full))
        {
            warnings.Add(new ReferralWarning(FullWarning, Messages.Format(Messages.RecipientFull, language)));
        }

        var offered = Codes.FromJsonList<Service>(recipient.Services);
        var missing = Codes.FromJsonList<Service>(referral.ServicesRequested).Where(s => !offered.Contains(s)).Select(Codes.Of).ToArray();
        if (missing.Length > 0)
        {
            warnings.Add(new ReferralWarning(PartlyOfferedWarning, Messages.Format(Messages.ServicesPartlyOffered, language, string.Join(", ", missing))));
        }

        return warnings;
    }
}
