using System.Text.RegularExpressions;
using ReferralApi.Domain;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Validation;

namespace ReferralApi.Features.Referrals;

/// <summary>The shape rules of a new referral (400); the rules that need the database come later (422).</summary>
internal static partial class CreateReferralValidator
{
    public const int ReasonMax = 4000;
    public const int ExternalReferenceMax = 100;
    public const int InitialsMax = 20;
    public const int FullNameMax = 200;
    public const int PhoneMax = 40;
    public const int AddressMax = 500;
    public const int SafeContactNotesMax = 1000;
    public const int ObtainedByMax = 200;
    public const int ScopeMax = 1000;
    public const int AgeYearsMax = 120;

    public static void Validate(CreateReferralRequest request, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        errors.Required("$.toAgencyId", request.ToAgencyId);
        errors.Required("$.urgency", request.Urgency);
        errors.CodeList("$.violenceTypes", request.ViolenceTypes, required: true);
        errors.CodeList("$.servicesRequested", request.ServicesRequested, required: true);
        if (errors.Required("$.reason", request.Reason))
        {
            errors.MaxLength("$.reason", request.Reason, ReasonMax);
        }

        errors.Reference("$.externalReference", request.ExternalReference, ExternalReferenceMax);
        if (request.RespondBy is { } respondBy && respondBy <= now)
        {
            errors.Add("$.respondBy", Messages.Future);
        }

        ValidateTrafficking(errors, request.Trafficking);
        ValidateIncident(errors, request.Incident, now);
        var age = ValidateSubject(errors, request.Subject, now);
        var consentRequired = errors.Required("$.legalBasis", request.LegalBasis) && request.LegalBasis == LegalBasis.Consent;
        if (consentRequired || request.Consent is not null)
        {
            ValidateConsent(errors, request.Consent, age, now);
        }

        errors.ThrowIfAny();
    }

    private static void ValidateTrafficking(ValidationErrors errors, TraffickingDetails? trafficking)
    {
        if (trafficking is null)
        {
            return;
        }

        errors.CodeList("$.trafficking.purposes", trafficking.Purposes, required: false);
        errors.CodeList("$.trafficking.modes", trafficking.Modes, required: false);
    }

    private static void ValidateIncident(ValidationErrors errors, IncidentDetails? incident, DateTimeOffset now)
    {
        if (incident is null)
        {
            return;
        }

        if (incident.OccurredOn > DateOnly.FromDateTime(now.UtcDateTime).AddDays(1))
        {
            errors.Add("$.incident.occurredOn", Messages.NotInFuture);
        }

        errors.RegionCode("$.incident.regionCode", incident.RegionCode);
    }

    /// <summary>Returns the subject's age in years when it can be told, for the consent rule.</summary>
    private static int? ValidateSubject(ValidationErrors errors, SubjectDetails? subject, DateTimeOffset now)
    {
        if (!errors.Required("$.subject", subject))
        {
            return null;
        }

        if (errors.Required("$.subject.initials", subject!.Initials))
        {
            errors.MaxLength("$.subject.initials", subject.Initials, InitialsMax);
        }

        errors.Required("$.subject.sex", subject.Sex);
        errors.NotBlank("$.subject.fullName", subject.FullName, FullNameMax);
        errors.MaxLength("$.subject.phone", subject.Phone, PhoneMax);
        errors.MaxLength("$.subject.address", subject.Address, AddressMax);
        errors.RegionCode("$.subject.regionCode", subject.RegionCode);
        errors.MaxLength("$.subject.safeContact.notes", subject.SafeContact?.Notes, SafeContactNotesMax);
        if (subject.NationalId is { } nik && !NationalIdPattern().IsMatch(nik))
        {
            errors.Add("$.subject.nationalId", Messages.NationalId);
        }

        if (subject.Nationality is { } nationality && !CountryPattern().IsMatch(nationality))
        {
            errors.Add("$.subject.nationality", Messages.CountryCode);
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if ((subject.BirthDate is null) == (subject.AgeYears is null))
        {
            errors.Add(subject.BirthDate is null ? "$.subject.ageYears" : "$.subject.birthDate", Messages.BirthDateXorAge);
            return null;
        }

        if (subject.AgeYears is { } years)
        {
            if (years is < 0 or > AgeYearsMax)
            {
                errors.Add("$.subject.ageYears", Messages.Range, 0, AgeYearsMax);
                return null;
            }

            return years;
        }

        var born = subject.BirthDate!.Value;
        if (born > today || born.Year < 1900)
        {
            errors.Add("$.subject.birthDate", Messages.NotInFuture);
            return null;
        }

        return ReferralView.AgeOn(born, today);
    }

    private static void ValidateConsent(ValidationErrors errors, ConsentRecord? consent, int? age, DateTimeOffset now)
    {
        if (consent is null)
        {
            errors.Add("$.consent", Messages.ConsentRequired);
            return;
        }

        errors.Required("$.consent.givenBy", consent.GivenBy);
        if (errors.Required("$.consent.obtainedAt", consent.ObtainedAt) && consent.ObtainedAt > now.AddMinutes(5))
        {
            errors.Add("$.consent.obtainedAt", Messages.NotInFuture);
        }

        errors.NotBlank("$.consent.obtainedBy", consent.ObtainedBy, ObtainedByMax);
        errors.NotBlank("$.consent.scope", consent.Scope, ScopeMax);

        // A child cannot consent alone: a parent or guardian gives it (UU 27/2022 art. 25).
        if (age is < 18 && consent.GivenBy == ConsentGiver.Subject)
        {
            errors.Add("$.consent.givenBy", Messages.GuardianConsent);
        }
    }

    [GeneratedRegex("^[0-9]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex NationalIdPattern();

    [GeneratedRegex("^[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex CountryPattern();
}
