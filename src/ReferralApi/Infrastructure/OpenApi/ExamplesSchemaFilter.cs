using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using ReferralApi.Features.Agencies;
using ReferralApi.Features.Referrals;
using ReferralApi.Features.Retention;
using ReferralApi.Features.Webhooks;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ReferralApi.Infrastructure.OpenApi;

/// <summary>Example request bodies, taken from the contract, so Swagger UI starts from something valid.</summary>
internal sealed class ExamplesSchemaFilter : ISchemaFilter
{
    private static readonly Dictionary<Type, string> Examples = new()
    {
        [typeof(CreateReferralRequest)] = """
            {
              "toAgencyId": "0193a5e0-7b1c-7d2e-9f00-000000000002",
              "externalReference": "LP/123/XI/2026/POLDA",
              "urgency": "urgent",
              "violenceTypes": ["sexual", "trafficking"],
              "trafficking": { "purposes": ["sexual_exploitation"], "modes": ["mail_order_bride"], "crossBorder": true, "borderPost": "entikong" },
              "servicesRequested": ["psychosocial", "safe_house"],
              "reason": "Victim returned through Entikong; needs safe house and counselling.",
              "incident": { "occurredOn": "2026-11-20", "regionCode": "61.03", "place": "workplace" },
              "subject": {
                "initials": "S.A.", "sex": "female", "birthDate": "2009-04-01", "nationalId": "6101010104090001",
                "nationality": "ID", "regionCode": "61.01", "disability": false,
                "safeContact": { "doNotContact": false, "preferredChannel": "via_sender", "notes": "" }
              },
              "legalBasis": "consent",
              "consent": { "givenBy": "guardian", "obtainedAt": "2026-11-27T08:00:00Z", "obtainedBy": "Bripka R.", "scope": "share with UPTD PPA for recovery services" }
            }
            """,
        [typeof(AcknowledgeReferralRequest)] = """
            { "decision": "declined", "reasonCode": "no_capacity", "reason": "Safe house full until December." }
            """,
        [typeof(ChangeReferralStatusRequest)] = """
            { "status": "completed", "outcome": "Counselling completed; victim returned to family in Sambas." }
            """,
        [typeof(AddNoteRequest)] = """
            { "text": "Victim prefers contact through the sending officer." }
            """,
        [typeof(WithdrawConsentRequest)] = """
            { "recordedAt": "2026-11-29T02:00:00Z", "note": "The subject's guardian withdrew consent by phone to the case officer." }
            """,
        [typeof(SetLegalHoldRequest)] = """
            { "legalHold": true }
            """,
        [typeof(CreateAgencyRequest)] = """
            {
              "code": "UPTD-PPA-SAMBAS", "name": "UPTD PPA Kabupaten Sambas", "sector": "women_child_protection",
              "regionCode": "61.01", "roles": ["agency"], "services": ["psychosocial", "safe_house"],
              "acceptsReferrals": true, "capacityStatus": "open",
              "contact": { "email": "uptdppa@sambas.example.go.id", "phone": "+62 562 000000" }
            }
            """,
        [typeof(UpdateAgencyRequest)] = """
            { "capacityStatus": "limited" }
            """,
        [typeof(UpdateOwnAgencyRequest)] = """
            { "capacityStatus": "full", "services": ["psychosocial", "safe_house", "legal_aid"] }
            """,
        [typeof(CreateApiKeyRequest)] = """
            { "expiresAt": "2027-11-28T00:00:00Z", "permissions": ["keys"] }
            """,
        [typeof(CreateWebhookRequest)] = """
            { "url": "https://case-system.uptdppa.example.go.id/hooks/referrals", "eventTypes": ["referral.created", "referral.cancelled"], "description": "Case system inbox" }
            """,
        [typeof(UpdateWebhookRequest)] = """
            { "active": false }
            """,
    };

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema concrete && Examples.TryGetValue(context.Type, out var json))
        {
            concrete.Example = JsonNode.Parse(json);
        }
    }
}
