using ReferralApi.Domain;

namespace ReferralApi.Features.Vocabularies;

/// <summary>One code's labels and SIMFONI-PPA category, for answers that spell codes out (CSV exports, the SIMFONI-PPA report).</summary>
internal static partial class VocabularyCatalog
{
    public static VocabularyLabels LabelsOf(ReferralStatus code) => StatusLabels[code];

    public static VocabularyLabels LabelsOf(Urgency code) => UrgencyLabels[code];

    public static VocabularyLabels LabelsOf(ViolenceType code) => ViolenceTypeLabels[code];

    public static VocabularyLabels LabelsOf(Service code) => ServiceLabels[code];

    public static VocabularyLabels LabelsOf(Sex code) => SexLabels[code];

    public static VocabularyLabels LabelsOf(Place code) => PlaceLabels[code];

    public static VocabularyLabels LabelsOf(LegalBasis code) => LegalBasisLabels[code];

    /// <summary>The SIMFONI-PPA form of violence (the mapping is total).</summary>
    public static string SimfoniOf(ViolenceType code) => ViolenceTypeSimfoni[code];

    /// <summary>The SIMFONI-PPA service category, or null for a service reported locally only.</summary>
    public static string? SimfoniOf(Service code) => ServiceSimfoni.GetValueOrDefault(code);

    /// <summary>The SIMFONI-PPA place category, or null (online) when SIMFONI-PPA has none.</summary>
    public static string? SimfoniOf(Place code) => PlaceSimfoni.GetValueOrDefault(code);

    /// <summary>Every SIMFONI-PPA category a mapping names, in the order of its codes, without repeats.</summary>
    public static IReadOnlyList<string> SimfoniViolenceCategories => [.. Enum.GetValues<ViolenceType>().Select(SimfoniOf).Distinct()];

    public static IReadOnlyList<string> SimfoniServiceCategories => [.. Enum.GetValues<Service>().Select(SimfoniOf).OfType<string>().Distinct()];

    public static IReadOnlyList<string> SimfoniPlaceCategories => [.. Enum.GetValues<Place>().Select(SimfoniOf).OfType<string>().Distinct()];
}
