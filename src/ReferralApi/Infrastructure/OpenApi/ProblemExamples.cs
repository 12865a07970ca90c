using System.Text.Json.Nodes;
using ReferralApi.Infrastructure.Errors;

namespace ReferralApi.Infrastructure.OpenApi;

/// <summary>What each error status means here, with an example body.</summary>
internal static class ProblemExamples
{
    /// <summary>The origin examples use; a real answer's type is on the API's own origin.</summary>
    public const string ExampleOrigin = "https://referrals.example.go.id";

    public static string Describe(int status) => status switch
    {
        400 => "Invalid input; errors names each offending field by JSON path.",
        401 => "Missing, unknown, revoked or expired API key (WWW-Authenticate: Bearer).",
        403 => "The key's role does not allow this, or the wrong party attempted a move.",
        404 => "No such resource, or it is not shared with the caller.",
        409 => "Conflict with the current state (invalid transition, duplicate, key in use).",
        410 => "The attachment was deleted or its contents erased; it stays listed as a tombstone.",
        412 => "If-Match named an older version; nothing was written.",
        413 => "Body larger than 256 KiB (an attachment: larger than Attachments:MaxFileBytes).",
        415 => "Body is not application/json (an attachment: not a PDF, JPEG or PNG, or not the type declared).",
        416 => "The Range lies outside the file; Content-Range: bytes */<size>.",
        422 => "Well-formed but refused by a rule (recipient unavailable, self-referral, mediation with sexual violence, key reused).",
        429 => "This key sent too many requests, or this address presented too many wrong keys; retry after Retry-After.",
        503 => "The database (or the access log) is briefly unavailable; retry after Retry-After.",
        _ => "Unexpected error; the body carries a traceId and nothing else.",
    };

    public static JsonNode For(int status)
    {
        var (code, title) = status switch
        {
            400 => ("validation-failed", "The request is not valid."),
            401 => ("unauthorized", "A valid API key is required."),
            403 => ("forbidden", "Your key's role does not allow this."),
            404 => ("not-found", "Not found."),
            409 => ("invalid-transition", "The referral cannot move to that status from its current status."),
            410 => ("attachment-gone", "The attachment was deleted, or its contents erased under retention."),
            412 => ("precondition-failed", "The referral changed since you read it (If-Match)."),
            416 => ("range-not-satisfiable", "The Range lies outside the file; Content-Range gives its size."),
            413 => ("payload-too-large", "The request body is larger than 256 KiB."),
            415 => ("unsupported-media-type", "Send the body as application/json."),
            422 => ("recipient-unavailable", "The receiving agency is unknown, inactive or does not accept referrals."),
            429 => ("rate-limited", "Too many requests; retry after the given time."),
            503 => ("service-unavailable", "The service is briefly unavailable; retry later."),
            _ => ("internal-error", "An unexpected error occurred."),
        };
        var example = new JsonObject
        {
            ["type"] = ExampleOrigin + ProblemTypes.PathPrefix + code,
            ["title"] = title,
            ["status"] = status,
            ["code"] = code,
            ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        };
        if (status == 400)
        {
            example["errors"] = new JsonObject { ["$.subject.nationalId"] = new JsonArray("Must be exactly 16 digits (NIK).") };
        }

        if (status == 409)
        {
            example["currentStatus"] = "declined";
            example["allowedTransitions"] = new JsonArray();
        }

        return example;
    }
}
