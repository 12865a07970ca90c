using System.Text.RegularExpressions;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Validation;

namespace ReferralApi.Features.Agencies;

internal static partial class AgencyValidator
{
    public const int CodeMax = 40;
    public const int NameMax = 200;
    public const int EmailMax = 254;
    public const int PhoneMax = 40;

    public static void Validate(CreateAgencyRequest request)
    {
        var errors = new ValidationErrors();
        if (errors.Required("$.code", request.Code) && !CodePattern().IsMatch(request.Code!))
        {
            errors.Add("$.code", Messages.AgencyCode);
        }

        if (errors.Required("$.name", request.Name))
        {
            errors.MaxLength("$.name", request.Name, NameMax);
        }

        errors.Required("$.sector", request.Sector);
        if (errors.Required("$.regionCode", request.RegionCode))
        {
            errors.RegionCode("$.regionCode", request.RegionCode);
        }

        errors.CodeList("$.roles", request.Roles, required: true);
        errors.CodeList("$.services", request.Services, required: false);
        ValidateContact(errors, request.Contact);
        errors.ThrowIfAny();
    }

    public static void Validate(UpdateAgencyRequest request)
    {
        var errors = new ValidationErrors();
        errors.NotBlank("$.name", request.Name, NameMax);
        errors.RegionCode("$.regionCode", request.RegionCode);
        if (request.Roles is not null)
        {
            errors.CodeList("$.roles", request.Roles, required: true);
        }

        errors.CodeList("$.services", request.Services, required: false);
        ValidateContact(errors, request.Contact);
        errors.ThrowIfAny();
    }

    private static void ValidateContact(ValidationErrors errors, AgencyContact? contact)
    {
        if (contact?.Email is { } email && (email.Length > EmailMax || !EmailPattern().IsMatch(email)))
        {
            errors.Add("$.contact.email", Messages.Email);
        }

        errors.MaxLength("$.contact.phone", contact?.Phone, PhoneMax);
    }

    [GeneratedRegex("^[A-Z0-9-]{2,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
