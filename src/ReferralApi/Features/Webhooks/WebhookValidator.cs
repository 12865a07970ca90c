using ReferralApi.Features.Events;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Validation;

namespace ReferralApi.Features.Webhooks;

/// <summary>Field rules for webhook requests (400, naming the field) and the URL policy (422 <c>webhook-url-not-allowed</c>).</summary>
internal static class WebhookValidator
{
    public const int DescriptionMax = 500;

    public static void Validate(CreateWebhookRequest request)
    {
        var errors = new ValidationErrors();
        if (errors.Required("$.url", request.Url))
        {
            errors.MaxLength("$.url", request.Url, WebhookUrlRules.MaxLength);
        }

        EventTypeList(errors, request.EventTypes);
        errors.MaxLength("$.description", request.Description, DescriptionMax);
        errors.ThrowIfAny();
    }

    public static void Validate(UpdateWebhookRequest request)
    {
        var errors = new ValidationErrors();
        errors.NotBlank("$.url", request.Url, WebhookUrlRules.MaxLength);
        EventTypeList(errors, request.EventTypes);
        errors.MaxLength("$.description", request.Description, DescriptionMax);
        errors.ThrowIfAny();
    }

    public static async Task RequireAllowedUrlAsync(WebhookUrlValidator urls, string url, CancellationToken ct)
    {
        var verdict = await urls.CheckAsync(url, ct);
        var (message, reason) = verdict switch
        {
            WebhookUrlVerdict.Allowed => (null, null),
            WebhookUrlVerdict.Malformed => throw ApiProblem.Validation("$.url", Messages.Url),
            WebhookUrlVerdict.NotHttps => (Messages.WebhookUrlNotHttps, "not_https"),
            WebhookUrlVerdict.HasCredentials => (Messages.WebhookUrlCredentials, "credentials"),
            WebhookUrlVerdict.ObscuredAddress => (Messages.WebhookUrlObscuredAddress, "obscured_address"),
            _ => (Messages.WebhookUrlNonPublic, "non_public_address"),
        };
        if (message is not null)
        {
            throw new ApiProblem(ProblemCodes.WebhookUrlNotAllowed, new LocalizedText(message))
            {
                Extensions = new Dictionary<string, object?> { ["field"] = "$.url", ["reason"] = reason },
            };
        }
    }

    private static void EventTypeList(ValidationErrors errors, IReadOnlyList<string>? types)
    {
        if (types is null)
        {
            return;
        }

        for (var i = 0; i < types.Count; i++)
        {
            if (types[i] is null || !EventTypeFilter.IsKnown(types[i]))
            {
                errors.Add($"$.eventTypes[{i}]", Messages.UnknownCode, string.Join(", ", EventTypes.All.Order(StringComparer.Ordinal)));
            }
        }

        if (types.Distinct(StringComparer.Ordinal).Count() != types.Count)
        {
            errors.Add("$.eventTypes", Messages.NoDuplicates);
        }
    }
}
