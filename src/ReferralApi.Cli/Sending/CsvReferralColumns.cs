using System.Globalization;
using System.Text.Json.Nodes;

namespace ReferralApi.Cli.Sending;

/// <summary>
/// The columns a CSV batch may have: the create fields of the API's CSV export, by the same names
/// (so a spreadsheet can be laid out like an export). An empty cell leaves the field out; lists are
/// joined with <c>;</c>; booleans are <c>true</c>/<c>false</c>.
/// </summary>
internal static class CsvReferralColumns
{
    private enum Kind
    {
        Text,
        List,
        Number,
        Boolean,
    }

    private static readonly Dictionary<string, (string[] Path, Kind Kind)> Columns = new(StringComparer.Ordinal)
    {
        ["toAgencyId"] = (["toAgencyId"], Kind.Text),
        ["caseId"] = (["caseId"], Kind.Text),
        ["previousReferralId"] = (["previousReferralId"], Kind.Text),
        ["externalReference"] = (["externalReference"], Kind.Text),
        ["urgency"] = (["urgency"], Kind.Text),
        ["violenceTypes"] = (["violenceTypes"], Kind.List),
        ["traffickingPurposes"] = (["trafficking", "purposes"], Kind.List),
        ["traffickingModes"] = (["trafficking", "modes"], Kind.List),
        ["traffickingCrossBorder"] = (["trafficking", "crossBorder"], Kind.Boolean),
        ["traffickingBorderPost"] = (["trafficking", "borderPost"], Kind.Text),
        ["servicesRequested"] = (["servicesRequested"], Kind.List),
        ["reason"] = (["reason"], Kind.Text),
        ["respondBy"] = (["respondBy"], Kind.Text),
        ["incidentOccurredOn"] = (["incident", "occurredOn"], Kind.Text),
        ["incidentRegionCode"] = (["incident", "regionCode"], Kind.Text),
        ["incidentPlace"] = (["incident", "place"], Kind.Text),
        ["subjectInitials"] = (["subject", "initials"], Kind.Text),
        ["subjectFullName"] = (["subject", "fullName"], Kind.Text),
        ["subjectSex"] = (["subject", "sex"], Kind.Text),
        ["subjectBirthDate"] = (["subject", "birthDate"], Kind.Text),
        ["subjectAgeYears"] = (["subject", "ageYears"], Kind.Number),
        ["subjectNationalId"] = (["subject", "nationalId"], Kind.Text),
        ["subjectNationality"] = (["subject", "nationality"], Kind.Text),
        ["subjectPhone"] = (["subject", "phone"], Kind.Text),
        ["subjectAddress"] = (["subject", "address"], Kind.Text),
        ["subjectRegionCode"] = (["subject", "regionCode"], Kind.Text),
        ["subjectDisability"] = (["subject", "disability"], Kind.Boolean),
        ["safeContactDoNotContact"] = (["subject", "safeContact", "doNotContact"], Kind.Boolean),
        ["safeContactPreferredChannel"] = (["subject", "safeContact", "preferredChannel"], Kind.Text),
        ["safeContactNotes"] = (["subject", "safeContact", "notes"], Kind.Text),
        ["legalBasis"] = (["legalBasis"], Kind.Text),
        ["consentGivenBy"] = (["consent", "givenBy"], Kind.Text),
        ["consentObtainedAt"] = (["consent", "obtainedAt"], Kind.Text),
        ["consentObtainedBy"] = (["consent", "obtainedBy"], Kind.Text),
        ["consentScope"] = (["consent", "scope"], Kind.Text),
    };

    public static IReadOnlyList<string> Names => [.. Columns.Keys];

    /// <summary>The header, when every column is one of ours; a usage error naming the first that is not.</summary>
    public static IReadOnlyList<string> Check(string path, IReadOnlyList<string> headers)
    {
        foreach (var header in headers.Where(h => !Columns.ContainsKey(h)))
        {
            throw CliException.Usage($"{path}: unknown column \"{header}\"; the columns are {string.Join(", ", Columns.Keys)}.");
        }

        return headers;
    }

    public static JsonObject ToReferral(string where, IReadOnlyList<string> headers, string[] values)
    {
        var referral = new JsonObject();
        for (var i = 0; i < headers.Count && i < values.Length; i++)
        {
            if (values[i].Length == 0)
            {
                continue;
            }

            var (path, kind) = Columns[headers[i]];
            var parent = path[..^1].Aggregate(referral, (node, name) => (node[name] ??= new JsonObject()).AsObject());
            parent[path[^1]] = Value(where, headers[i], values[i], kind);
        }

        return referral;
    }

    private static JsonNode Value(string where, string column, string value, Kind kind) => kind switch
    {
        Kind.List => new JsonArray([.. value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(v => (JsonNode)JsonValue.Create(v))]),
        Kind.Number => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? JsonValue.Create(number)
            : throw CliException.Usage($"{where}: {column} must be a whole number, not \"{value}\"."),
        Kind.Boolean => value switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ => throw CliException.Usage($"{where}: {column} must be true or false, not \"{value}\"."),
        },
        _ => JsonValue.Create(value),
    };
}
