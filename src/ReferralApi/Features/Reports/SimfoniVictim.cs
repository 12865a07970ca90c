using System.Globalization;
using ReferralApi.Domain;
using ReferralApi.Features.Referrals;
using ReferralApi.Features.Vocabularies;

namespace ReferralApi.Features.Reports;

/// <summary>
/// One victim: a case, seen through its referrals in scope. Who the victim is (sex, age group) and
/// where it happened come from the case's first referral (the first naming a place, for the place);
/// the forms of violence are those any of its referrals names; a service counts as given when a
/// referral requesting it was accepted by its receiver (accepted, in progress, on hold or completed, as now).
/// </summary>
internal sealed record SimfoniVictim(string Sex, string AgeGroup, string Place, IReadOnlySet<string> ViolenceForms, IReadOnlySet<string> ServicesGiven)
{
    public const string Unknown = "Tidak diketahui";

    /// <summary>SIMFONI-PPA's age groups of victims, in years.</summary>
    public static readonly IReadOnlyList<(string Name, int From, int To)> AgeGroups =
    [
        ("0-5", 0, 5), ("6-12", 6, 12), ("13-17", 13, 17), ("18-24", 18, 24), ("25-44", 25, 44), ("45-59", 45, 59), ("60+", 60, int.MaxValue),
    ];

    private static readonly ReferralStatus[] Given = [ReferralStatus.Accepted, ReferralStatus.InProgress, ReferralStatus.OnHold, ReferralStatus.Completed];

    public static SimfoniVictim Of(IReadOnlyList<SimfoniReferral> chain)
    {
        var first = chain[0];
        var place = chain.Select(r => r.IncidentPlace).FirstOrDefault(p => p is not null) is { } code
            ? VocabularyCatalog.SimfoniOf(Codes.Parse<Place>(code)) ?? Unknown
            : Unknown;
        var forms = chain.SelectMany(r => Codes.FromJsonList<ViolenceType>(r.ViolenceTypes)).Select(VocabularyCatalog.SimfoniOf).ToHashSet(StringComparer.Ordinal);
        var services = chain.Where(r => Given.Contains(Codes.Parse<ReferralStatus>(r.Status)))
            .SelectMany(r => Codes.FromJsonList<Service>(r.ServicesRequested))
            .Select(VocabularyCatalog.SimfoniOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return new SimfoniVictim(VocabularyCatalog.LabelsOf(Codes.Parse<Sex>(first.SubjectSex)).Id, AgeGroupOf(first), place, forms, services);
    }

    /// <summary>The age given, or else the age on the WIB day the first referral was sent from the birth date.</summary>
    private static string AgeGroupOf(SimfoniReferral first)
    {
        var age = first.SubjectAgeYears;
        if (age is null && DateOnly.TryParseExact(first.SubjectBirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born))
        {
            var on = Wib.DayOf(first.CreatedAt);
            age = on.Year - born.Year - (on < born.AddYears(on.Year - born.Year) ? 1 : 0);
        }

        return age is { } years ? AgeGroups.First(g => years >= g.From && years <= g.To).Name : Unknown;
    }
}
