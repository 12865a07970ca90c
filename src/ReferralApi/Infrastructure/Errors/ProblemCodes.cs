namespace ReferralApi.Infrastructure.Errors;

/// <summary>The short codes of <c>application/problem+json</c> answers; <c>type</c> is <c>&lt;base&gt;/problems/&lt;code&gt;</c> (see <see cref="ProblemTypes"/>).</summary>
public static class ProblemCodes
{
    public const string ValidationFailed = "validation-failed";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string NotPermitted = "not-permitted";
    public const string LegalHoldNotYours = "legal-hold-not-yours";
    public const string NotYetAccepted = "not-yet-accepted";
    public const string NotUploader = "not-uploader";
    public const string AttachmentGone = "attachment-gone";
    public const string FileTooLarge = "file-too-large";
    public const string FileTypeNotAccepted = "file-type-not-accepted";
    public const string RangeNotSatisfiable = "range-not-satisfiable";
    public const string NotFound = "not-found";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string NotAcceptable = "not-acceptable";
    public const string DuplicateExternalReference = "duplicate-external-reference";
    public const string DuplicateAgencyCode = "duplicate-agency-code";
    public const string InvalidTransition = "invalid-transition";
    public const string IdempotencyKeyInUse = "idempotency-key-in-use";
    public const string Conflict = "conflict";
    public const string PersonalDataErased = "personal-data-erased";
    public const string ReferralNotOpen = "referral-not-open";
    public const string NotConsentBased = "not-consent-based";
    public const string PreconditionFailed = "precondition-failed";
    public const string PayloadTooLarge = "payload-too-large";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string RecipientUnavailable = "recipient-unavailable";
    public const string RecipientClosed = "recipient-closed";
    public const string ServiceNotOffered = "service-not-offered";
    public const string SelfReferral = "self-referral";
    public const string MediationNotAllowed = "mediation-not-allowed";
    public const string IdempotencyKeyReused = "idempotency-key-reused";
    public const string CaseUnavailable = "case-unavailable";
    public const string PreviousReferralUnavailable = "previous-referral-unavailable";
    public const string CaseMismatch = "case-mismatch";
    public const string WebhookUrlNotAllowed = "webhook-url-not-allowed";
    public const string LimitReached = "limit-reached";
    public const string RateLimited = "rate-limited";
    public const string InternalError = "internal-error";
    public const string ServiceUnavailable = "service-unavailable";
}
