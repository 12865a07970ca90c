namespace ReferralApi.Domain;

/// <summary>How the subject may safely be contacted.</summary>
public enum ContactChannel
{
    ViaSender,
    Phone,
    Sms,
    Whatsapp,
    InPerson,
    Email,
}
