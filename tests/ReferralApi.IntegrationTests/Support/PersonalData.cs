using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Input;

namespace ReferralApi.IntegrationTests.Support;

/// <summary>
/// A subject's identity, as a careless log line, span or metric label would repeat it: the hygiene
/// tests send it through the API and then look for it where it must never appear.
/// </summary>
public static class PersonalData
{
    public const string FullName = "Wulan Sekarningrum Tanjungpura";
    public const string NationalId = "6171045203990007";
    public const string Phone = "+62 852 4567 9012";
    public const string Address = "Gang Kenanga Ungu 77, Singkawang";

    public static readonly IReadOnlyList<string> Values = [FullName, NationalId, Phone, Address];

    /// <summary>Fills the subject's identity, and a reason that repeats it.</summary>
    public static JsonObject Identified(JsonObject body)
    {
        body.Set("subject.fullName", FullName).Set("subject.nationalId", NationalId).Set("subject.phone", Phone).Set("subject.address", Address);
        return body.Set("reason", $"{FullName} ({NationalId}) asks for shelter; she lives at {Address}.");
    }
}
