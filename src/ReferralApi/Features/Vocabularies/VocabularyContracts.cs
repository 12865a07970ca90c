namespace ReferralApi.Features.Vocabularies;

/// <summary>A code's display labels.</summary>
/// <param name="Id">Bahasa Indonesia.</param>
/// <param name="En">English.</param>
public sealed record VocabularyLabels(string Id, string En);

/// <summary>One code of a list and its labels.</summary>
/// <param name="Code">The stable API value.</param>
/// <param name="Labels">Indonesian and English labels.</param>
public sealed record VocabularyEntry(string Code, VocabularyLabels Labels);

/// <summary>A code that agencies also report upward to SIMFONI-PPA.</summary>
/// <param name="Code">The stable API value.</param>
/// <param name="Labels">Indonesian and English labels.</param>
/// <param name="Simfoni">The SIMFONI-PPA category it is counted under; <c>null</c> when SIMFONI-PPA has none.</param>
public sealed record SimfoniVocabularyEntry(string Code, VocabularyLabels Labels, string? Simfoni);

/// <summary>An urgency and the time the receiver has to respond.</summary>
/// <param name="Code">The stable API value.</param>
/// <param name="Labels">Indonesian and English labels.</param>
/// <param name="RespondWithinHours">Hours from sending by which the receiver must answer (the default respondBy; whole hours, rounded down).</param>
public sealed record UrgencyVocabularyEntry(string Code, VocabularyLabels Labels, int RespondWithinHours);

/// <summary>A cross-border post (PLBN) and the district it lies in.</summary>
/// <param name="Code">The stable API value.</param>
/// <param name="Labels">Indonesian and English labels.</param>
/// <param name="RegionCode">The Kemendagri code of the district (kecamatan).</param>
public sealed record BorderPostVocabularyEntry(string Code, VocabularyLabels Labels, string RegionCode);

/// <summary>A Kemendagri region code of West Kalimantan.</summary>
/// <param name="Code">The Kemendagri code (<c>61</c>, <c>61.01</c>).</param>
/// <param name="Labels">Indonesian and English names.</param>
/// <param name="ParentCode">The enclosing region's code; <c>null</c> for the province.</param>
public sealed record RegionVocabularyEntry(string Code, VocabularyLabels Labels, string? ParentCode);

/// <summary>Every code list the API uses, each code with Indonesian and English labels.</summary>
public sealed record VocabularyResponse(
    IReadOnlyList<SimfoniVocabularyEntry> ViolenceTypes,
    IReadOnlyList<VocabularyEntry> TraffickingPurposes,
    IReadOnlyList<VocabularyEntry> TraffickingModes,
    IReadOnlyList<SimfoniVocabularyEntry> Services,
    IReadOnlyList<UrgencyVocabularyEntry> Urgencies,
    IReadOnlyList<VocabularyEntry> Statuses,
    IReadOnlyList<VocabularyEntry> ReasonCodes,
    IReadOnlyList<VocabularyEntry> LegalBases,
    IReadOnlyList<VocabularyEntry> Sectors,
    IReadOnlyList<SimfoniVocabularyEntry> Places,
    IReadOnlyList<BorderPostVocabularyEntry> BorderPosts,
    IReadOnlyList<VocabularyEntry> Sexes,
    IReadOnlyList<VocabularyEntry> ConsentGivers,
    IReadOnlyList<VocabularyEntry> ContactChannels,
    IReadOnlyList<VocabularyEntry> CapacityStatuses,
    IReadOnlyList<VocabularyEntry> AgencyRoles,
    IReadOnlyList<VocabularyEntry> AcknowledgementDecisions,
    IReadOnlyList<VocabularyEntry> AttachmentKinds,
    IReadOnlyList<RegionVocabularyEntry> Regions);
