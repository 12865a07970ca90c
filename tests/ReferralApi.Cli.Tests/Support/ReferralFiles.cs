using System.Text.Json.Nodes;

namespace ReferralApi.Cli.Tests.Support;

/// <summary>Referral bodies written to files, as an agency's officer would prepare them for <c>referral send</c>.</summary>
public sealed class ReferralFiles : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("referral-cli-").FullName;

    public string Folder => folder;

    public static JsonObject Body(Guid to) => new()
    {
        ["toAgencyId"] = to.ToString(),
        ["externalReference"] = "LP/" + Guid.NewGuid().ToString("N")[..12],
        ["urgency"] = "urgent",
        ["violenceTypes"] = new JsonArray("sexual"),
        ["servicesRequested"] = new JsonArray("psychosocial", "safe_house"),
        ["reason"] = "Needs a safe house and counselling.",
        ["subject"] = new JsonObject
        {
            ["initials"] = "S.A.",
            ["fullName"] = "Siti Aminah Testdata",
            ["sex"] = "female",
            ["ageYears"] = 24,
            ["regionCode"] = "61.01",
        },
        ["legalBasis"] = "consent",
        ["consent"] = new JsonObject
        {
            ["givenBy"] = "subject",
            ["obtainedAt"] = "2026-11-27T08:00:00Z",
            ["obtainedBy"] = "Bripka R.",
            ["scope"] = "share with UPTD PPA for recovery services",
        },
    };

    public string Write(JsonNode body, string name = "referral.json") => WriteText(body.ToJsonString(), name);

    public string WriteText(string text, string name)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
