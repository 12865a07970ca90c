using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Bulk;

/// <summary>Reads an export answer: NDJSON lines with their trailer, or RFC 4180 CSV records.</summary>
public static class ExportReading
{
    public static async Task<(List<JsonNode> Referrals, JsonNode Trailer, string ResumeHeader)> NdjsonAsync(TestAgency agency, string query)
    {
        using var response = await agency.Client.GetAsync("/v1/referrals/export" + query, ("Accept", "application/x-ndjson"));
        var text = await response.Content.ReadAsStringAsync(Http.Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text.TrimEnd('\n').Split('\n').Select(line => JsonNode.Parse(line)!).ToList();
        return (lines[..^1], lines[^1], response.Headers.GetValues("Export-Next-Updated-After").Single());
    }

    public static async Task<(List<string[]> Records, string ResumeHeader)> CsvAsync(TestAgency agency, string query, string? language = null)
    {
        var headers = new List<(string, string)> { ("Accept", "text/csv") };
        if (language is not null)
        {
            headers.Add(("Accept-Language", language));
        }

        using var response = await agency.Client.GetAsync("/v1/referrals/export" + query, [.. headers]);
        var bytes = await response.Content.ReadAsByteArrayAsync(Http.Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(bytes));
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB, "no byte-order mark");
        return (ParseRfc4180(Encoding.UTF8.GetString(bytes)), response.Headers.GetValues("Export-Next-Updated-After").Single());
    }

    /// <summary>RFC 4180: CRLF between records, fields quoted when they hold a comma, quote or line break, quotes doubled.</summary>
    public static List<string[]> ParseRfc4180(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else
            {
                Assert.False(c is '\r' or '\n', "a bare line break outside quotes breaks RFC 4180");
                field.Append(c);
            }
        }

        Assert.True(field.Length == 0 && fields.Count == 0, "the last record ends with CRLF");
        return records;
    }
}
