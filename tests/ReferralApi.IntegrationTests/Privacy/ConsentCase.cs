using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Privacy;

/// <summary>
/// A case of five agencies: the police refer to UPTD PPA on consent (accepted), UPTD PPA refers on
/// to a hospital on consent (sent), the police refer to a shelter on legal obligation (accepted)
/// and to legal aid on consent (completed).
/// </summary>
internal sealed class ConsentCase : IDisposable
{
    private ConsentCase(TestAgency police, TestAgency uptd, TestAgency hospital, TestAgency shelter, TestAgency legalAid)
    {
        (Police, Uptd, Hospital, Shelter, LegalAid) = (police, uptd, hospital, shelter, legalAid);
    }

    public TestAgency Police { get; }

    public TestAgency Uptd { get; }

    public TestAgency Hospital { get; }

    public TestAgency Shelter { get; }

    public TestAgency LegalAid { get; }

    public Guid CaseId { get; private set; }

    /// <summary>Police → UPTD PPA, consent, accepted.</summary>
    public Guid ToUptd { get; private set; }

    /// <summary>UPTD PPA → hospital, onward, consent, sent.</summary>
    public Guid ToHospital { get; private set; }

    /// <summary>Police → shelter, legal obligation, accepted.</summary>
    public Guid ToShelter { get; private set; }

    /// <summary>Police → legal aid, consent, completed.</summary>
    public Guid ToLegalAid { get; private set; }

    public static async Task<ConsentCase> CreateAsync<TEngine>(ApiFixture<TEngine> fx)
        where TEngine : IEngine
    {
        var built = new ConsentCase(
            await fx.CreateAgencyAsync(), await fx.CreateAgencyAsync(), await fx.CreateAgencyAsync(), await fx.CreateAgencyAsync(), await fx.CreateAgencyAsync());
        var first = await Scenario.SendReferralAsync(built.Police, built.Uptd);
        built.ToUptd = Scenario.IdOf(first);
        built.CaseId = Guid.Parse((string)first["caseId"]!);
        await Scenario.AcknowledgeAsync(built.Uptd, built.ToUptd, "accepted");
        built.ToHospital = Scenario.IdOf(await Scenario.SendReferralAsync(built.Uptd, built.Hospital, b => b["previousReferralId"] = built.ToUptd.ToString()));
        built.ToShelter = Scenario.IdOf(await Scenario.SendReferralAsync(built.Police, built.Shelter, b =>
        {
            b["caseId"] = built.CaseId.ToString();
            b["legalBasis"] = "legal_obligation";
            b.Remove("consent");
        }));
        await Scenario.AcknowledgeAsync(built.Shelter, built.ToShelter, "accepted");
        built.ToLegalAid = Scenario.IdOf(await Scenario.SendReferralAsync(built.Police, built.LegalAid, b => b["caseId"] = built.CaseId.ToString()));
        await ReferralSteps.MoveFromSentAsync(built.Police, built.LegalAid, built.ToLegalAid, "completed");
        return built;
    }

    public static JsonObject Withdrawal(string note = "Withdrawn by phone to the case officer") =>
        new() { ["recordedAt"] = DateTimeOffset.UtcNow.AddMinutes(-10).ToString("O", System.Globalization.CultureInfo.InvariantCulture), ["note"] = note };

    public async Task<JsonNode> WithdrawAsync(params (string Name, string Value)[] headers) => await WithdrawAsync(Withdrawal(), headers);

    public async Task<JsonNode> WithdrawAsync(JsonObject body, params (string Name, string Value)[] headers)
    {
        using var response = await Police.Client.PostJsonAsync($"/v1/referrals/{ToUptd}/consent-withdrawal", body, headers);
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    public void Dispose()
    {
        foreach (var agency in new[] { Police, Uptd, Hospital, Shelter, LegalAid })
        {
            agency.Dispose();
        }
    }
}
