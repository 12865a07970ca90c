using System.Globalization;
using ReferralApi.Domain;
using ReferralApi.Features.Vocabularies;

namespace ReferralApi.Features.Referrals;

/// <summary>
/// The export's CSV columns, in order: the fields of <c>GET /v1/referrals/{id}</c> flattened, codes as
/// the API spells them, lists joined with <c>;</c>, instants in RFC 3339 UTC, booleans
/// <c>true</c>/<c>false</c>, an absent or withheld value empty. With <c>Accept-Language: id</c>, the
/// Indonesian labels of the coded columns follow as <c>&lt;column&gt;Label</c>. New columns are only
/// ever added at the end of their group, so a script may address columns by name.
/// </summary>
internal static class ReferralCsvColumns
{
    public sealed record Column(string Name, Func<ReferralResponse, string?> Value);

    public static readonly IReadOnlyList<Column> Codes =
    [
        new("id", r => r.Id.ToString()),
        new("caseId", r => r.CaseId.ToString()),
        new("previousReferralId", r => r.PreviousReferralId?.ToString()),
        new("fromAgencyId", r => r.FromAgencyId.ToString()),
        new("toAgencyId", r => r.ToAgencyId.ToString()),
        new("externalReference", r => r.ExternalReference),
        new("receiverReference", r => r.ReceiverReference),
        new("status", r => Domain.Codes.Of(r.Status)),
        new("version", r => Number(r.Version)),
        new("urgency", r => Domain.Codes.Of(r.Urgency)),
        new("violenceTypes", r => List(r.ViolenceTypes.Select(Domain.Codes.Of))),
        new("traffickingPurposes", r => r.Trafficking?.Purposes is { } p ? List(p.Select(Domain.Codes.Of)) : null),
        new("traffickingModes", r => r.Trafficking?.Modes is { } m ? List(m.Select(Domain.Codes.Of)) : null),
        new("traffickingCrossBorder", r => Bool(r.Trafficking?.CrossBorder)),
        new("traffickingBorderPost", r => r.Trafficking?.BorderPost is { } b ? Domain.Codes.Of(b) : null),
        new("servicesRequested", r => List(r.ServicesRequested.Select(Domain.Codes.Of))),
        new("reason", r => r.Reason),
        new("incidentOccurredOn", r => r.Incident?.OccurredOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        new("incidentRegionCode", r => r.Incident?.RegionCode),
        new("incidentPlace", r => r.Incident?.Place is { } p ? Domain.Codes.Of(p) : null),
        new("subjectInitials", r => r.Subject.Initials),
        new("subjectFullName", r => r.Subject.FullName),
        new("subjectSex", r => r.Subject.Sex is { } s ? Domain.Codes.Of(s) : null),
        new("subjectBirthDate", r => r.Subject.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        new("subjectAgeYears", r => r.Subject.AgeYears is { } a ? Number(a) : null),
        new("subjectNationalId", r => r.Subject.NationalId),
        new("subjectNationality", r => r.Subject.Nationality),
        new("subjectPhone", r => r.Subject.Phone),
        new("subjectAddress", r => r.Subject.Address),
        new("subjectRegionCode", r => r.Subject.RegionCode),
        new("subjectDisability", r => Bool(r.Subject.Disability)),
        new("safeContactDoNotContact", r => Bool(r.Subject.SafeContact?.DoNotContact)),
        new("safeContactPreferredChannel", r => r.Subject.SafeContact?.PreferredChannel is { } c ? Domain.Codes.Of(c) : null),
        new("safeContactNotes", r => r.Subject.SafeContact?.Notes),
        new("legalBasis", r => Domain.Codes.Of(r.LegalBasis)),
        new("consentGivenBy", r => r.Consent?.GivenBy is { } g ? Domain.Codes.Of(g) : null),
        new("consentObtainedAt", r => r.Consent?.ObtainedAt is { } at ? Instant(at) : null),
        new("consentObtainedBy", r => r.Consent?.ObtainedBy),
        new("consentScope", r => r.Consent?.Scope),
        new("respondBy", r => Instant(r.RespondBy)),
        new("overdue", r => Bool(r.Overdue)),
        new("createdAt", r => Instant(r.CreatedAt)),
        new("updatedAt", r => Instant(r.UpdatedAt)),
        new("allowedActions", r => List(r.AllowedActions)),
    ];

    public static readonly IReadOnlyList<Column> IndonesianLabels =
    [
        new("statusLabel", r => VocabularyCatalog.LabelsOf(r.Status).Id),
        new("urgencyLabel", r => VocabularyCatalog.LabelsOf(r.Urgency).Id),
        new("violenceTypesLabel", r => List(r.ViolenceTypes.Select(v => VocabularyCatalog.LabelsOf(v).Id))),
        new("servicesRequestedLabel", r => List(r.ServicesRequested.Select(s => VocabularyCatalog.LabelsOf(s).Id))),
        new("incidentPlaceLabel", r => r.Incident?.Place is { } p ? VocabularyCatalog.LabelsOf(p).Id : null),
        new("subjectSexLabel", r => r.Subject.Sex is { } s ? VocabularyCatalog.LabelsOf(s).Id : null),
        new("legalBasisLabel", r => VocabularyCatalog.LabelsOf(r.LegalBasis).Id),
    ];

    private static string List(IEnumerable<string> values) => string.Join(';', values);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Bool(bool? value) => value switch { true => "true", false => "false", null => null };

    private static string Instant(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);
}
