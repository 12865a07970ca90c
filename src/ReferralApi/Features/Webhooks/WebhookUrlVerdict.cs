namespace ReferralApi.Features.Webhooks;

/// <summary>Why a webhook URL may not be used; <see cref="Allowed"/> when it may.</summary>
internal enum WebhookUrlVerdict
{
    Allowed,

    /// <summary>Not an absolute http(s) URL at all: a validation error of the request.</summary>
    Malformed,

    /// <summary>Plain http while private networks are not allowed.</summary>
    NotHttps,

    /// <summary>A user name or password in the URL; secrets belong in the signature, not the URL.</summary>
    HasCredentials,

    /// <summary>A numeric host in decimal, octal, hex or shortened form, which hides the real address.</summary>
    ObscuredAddress,

    /// <summary>The host is, or resolves to, a loopback, private, link-local or other non-public address.</summary>
    NonPublicAddress,
}
