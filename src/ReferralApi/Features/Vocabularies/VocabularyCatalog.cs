using ReferralApi.Domain;

namespace ReferralApi.Features.Vocabularies;

/// <summary>
/// The labels of every code. Each table must name every member of its enum: a member added without
/// labels fails the type's initialisation, so the API never serves a code clients cannot display.
/// </summary>
internal static partial class VocabularyCatalog
{
    // Lazy because partial-class field initialisers run in an unspecified file order; the response is
    // only built once every table has been initialised and checked.
    private static readonly Lazy<VocabularyResponse> Built = new(Build);

    /// <summary>The <c>GET /v1/vocabularies</c> answer, built once.</summary>
    public static VocabularyResponse Response => Built.Value;

    private static VocabularyResponse Build() => new(
        ViolenceTypes: WithSimfoni(ViolenceTypeLabels, ViolenceTypeSimfoni),
        TraffickingPurposes: Plain(TraffickingPurposeLabels),
        TraffickingModes: Plain(TraffickingModeLabels),
        Services: WithSimfoni(ServiceLabels, ServiceSimfoni),
        Urgencies: [.. Enum.GetValues<Urgency>().Select(v => new UrgencyVocabularyEntry(Codes.Of(v), UrgencyLabels[v], UrgencyHours[v]))],
        Statuses: Plain(StatusLabels),
        ReasonCodes: Plain(ReasonCodeLabels),
        LegalBases: Plain(LegalBasisLabels),
        Sectors: Plain(SectorLabels),
        Places: WithSimfoni(PlaceLabels, PlaceSimfoni),
        BorderPosts: [.. Enum.GetValues<BorderPost>().Select(v => new BorderPostVocabularyEntry(Codes.Of(v), BorderPostLabels[v], BorderPostRegions[v]))],
        Sexes: Plain(SexLabels),
        ConsentGivers: Plain(ConsentGiverLabels),
        ContactChannels: Plain(ContactChannelLabels),
        CapacityStatuses: Plain(CapacityStatusLabels),
        AgencyRoles: Plain(AgencyRoleLabels),
        AcknowledgementDecisions: Plain(AcknowledgementDecisionLabels),
        AttachmentKinds: Plain(AttachmentKindLabels),
        Regions: Regions);

    private static VocabularyEntry[] Plain<T>(Dictionary<T, VocabularyLabels> labels) where T : struct, Enum =>
        [.. Enum.GetValues<T>().Select(v => new VocabularyEntry(Codes.Of(v), labels[v]))];

    private static SimfoniVocabularyEntry[] WithSimfoni<T>(Dictionary<T, VocabularyLabels> labels, Dictionary<T, string> simfoni)
        where T : struct, Enum =>
        [.. Enum.GetValues<T>().Select(v => new SimfoniVocabularyEntry(Codes.Of(v), labels[v], simfoni.GetValueOrDefault(v)))];

    private static Dictionary<T, TValue> Complete<T, TValue>(Dictionary<T, TValue> table) where T : struct, Enum
    {
        var missing = Enum.GetValues<T>().Where(v => !table.ContainsKey(v)).Select(Codes.Of).ToArray();
        return missing.Length == 0
            ? table
            : throw new InvalidOperationException($"The vocabulary has no {typeof(T).Name} entry for: {string.Join(", ", missing)}.");
    }
}
