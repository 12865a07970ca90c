using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using ReferralApi.Domain;
using ReferralApi.Features.Agencies;
using ReferralApi.Features.Events;
using ReferralApi.Features.Referrals;
using ReferralApi.Features.Reports;
using ReferralApi.Features.Webhooks;
using ReferralApi.Infrastructure.Paging;
using ReferralApi.Infrastructure.Validation;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ReferralApi.Infrastructure.OpenApi;

/// <summary>
/// Bounds for what the request attributes do not cover: answered strings, lists and counts. An
/// answered value was either checked on the way in (names, references, free text: the same limits
/// as the request) or is made by the API (ids, instants, codes, cursors, labels), so the bound
/// holds for every answer. Lists of codes never repeat one, so they hold at most every code.
/// Lists that grow with a referral's life (its history, a case's referrals) stay unbounded.
/// </summary>
internal sealed class LimitsDocumentFilter : IDocumentFilter
{
    private static readonly Dictionary<string, int> TextByName = new(StringComparer.Ordinal)
    {
        ["nextCursor"] = Cursor.MaxLength,
        ["code"] = AgencyValidator.CodeMax,
        ["agencyCode"] = AgencyValidator.CodeMax,
        ["name"] = AgencyValidator.NameMax,
        ["agencyName"] = AgencyValidator.NameMax,
        ["regionCode"] = RegionCodes.MaxLength,
        ["parentCode"] = RegionCodes.MaxLength,
        ["reason"] = MoveReferral.TextMax,
        ["outcome"] = MoveReferral.TextMax,
        ["text"] = ManageNotes.TextMax,
        ["note"] = WithdrawConsent.NoteMax,
        ["externalReference"] = CreateReferralValidator.ExternalReferenceMax,
        ["receiverReference"] = MoveReferral.ReceiverReferenceMax,
        ["subjectInitials"] = CreateReferralValidator.InitialsMax,
        ["url"] = WebhookUrlRules.MaxLength,
        ["receiverOrigin"] = WebhookUrlRules.MaxLength,
        ["description"] = WebhookValidator.DescriptionMax,
        ["message"] = 500,
        ["correlationId"] = 100,
        ["key"] = 200,
        ["secret"] = 200,
        ["prefix"] = 40,
        ["month"] = 7,
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        foreach (var (name, schema) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            foreach (var (property, value) in schema.Properties?.ToList() ?? [])
            {
                if (property == "eventTypes" && value is OpenApiSchema { Items: OpenApiSchema } list)
                {
                    list.Items = new OpenApiSchemaReference(WebhooksDocumentFilter.EventTypeSchema, document);
                    (list.MaxItems, list.UniqueItems) = (EventTypes.All.Count, true);
                    continue;
                }

                Bound(name, property, value);
            }
        }
    }

    private static void Bound(string schema, string property, IOpenApiSchema value)
    {
        if (value is not OpenApiSchema concrete || concrete.Type is not { } type)
        {
            return;
        }

        if (type.HasFlag(JsonSchemaType.String))
        {
            BoundText(concrete, property);
        }
        else if (type.HasFlag(JsonSchemaType.Integer) && concrete.Maximum is null)
        {
            (concrete.Minimum, concrete.Maximum) = property switch
            {
                "version" or "respondWithinHours" => ("1", int.MaxValue.ToString(CultureInfo.InvariantCulture)),
                "lastStatusCode" => ("100", "599"),
                _ => ("0", int.MaxValue.ToString(CultureInfo.InvariantCulture)),
            };
        }
        else if (type.HasFlag(JsonSchemaType.Array) && concrete.MaxItems is null)
        {
            BoundList(schema, property, concrete);
        }
    }

    private static void BoundText(OpenApiSchema text, string property)
    {
        if (text.MaxLength is not null || text.Enum is { Count: > 0 })
        {
            return;
        }

        text.MaxLength = text.Format switch
        {
            "uuid" => 36,
            "date-time" => 35,
            "date" => 10,
            _ => TextByName.TryGetValue(property, out var max) ? max : 200,
        };
    }

    private static void BoundList(string schema, string property, OpenApiSchema list)
    {
        if (list.Items is OpenApiSchemaReference { Reference.Id: { } item } && CodeCounts.TryGetValue(item, out var codes))
        {
            (list.MaxItems, list.UniqueItems) = (codes, true);
            return;
        }

        if (list.Items is OpenApiSchema { Type: JsonSchemaType.String } itemText)
        {
            BoundText(itemText, property);
        }

        list.MaxItems = property switch
        {
            "items" when schema == nameof(EventPage) => EventEndpoints.MaxLimit,

            // Deleted files stay as tombstones, so a referral's list grows with its life.
            "items" when schema == nameof(Features.Attachments.AttachmentList) => null,
            "items" => PageRequest.MaxLimit,
            "months" => ReportRequest.MaxMonths + 1,
            "roles" or "allowedActions" or "warnings" => 20,
            "permissions" => Security.KeyPermissions.All.Count,
            "scopes" => Security.Tokens.Scopes.All.Count,
            "byStatus" when schema == nameof(Features.Cases.CaseOtherReferrals) => Enum.GetValues<ReferralStatus>().Length,
            _ when schema.StartsWith("Report", StringComparison.Ordinal) || schema.StartsWith("Simfoni", StringComparison.Ordinal) || schema.StartsWith("Vocabulary", StringComparison.Ordinal) => 1000,
            _ => null,
        };
    }

    private static readonly Dictionary<string, int> CodeCounts = new(StringComparer.Ordinal)
    {
        [nameof(AgencyRole)] = Enum.GetValues<AgencyRole>().Length,
        [nameof(Service)] = Enum.GetValues<Service>().Length,
        [nameof(ViolenceType)] = Enum.GetValues<ViolenceType>().Length,
        [nameof(TraffickingPurpose)] = Enum.GetValues<TraffickingPurpose>().Length,
        [nameof(TraffickingMode)] = Enum.GetValues<TraffickingMode>().Length,
        [nameof(ReferralStatus)] = Enum.GetValues<ReferralStatus>().Length,
    };
}
