using System.Net;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Operations;

/// <summary>Reads <c>/metrics</c> as Prometheus text and finds samples by name and labels.</summary>
public static class MetricsScrape
{
    public static async Task<string> ReadAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics", Http.Ct);
        var text = await response.Content.ReadAsStringAsync(Http.Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /metrics answered {(int)response.StatusCode}: {text}");
        return text;
    }

    /// <summary>
    /// The sum of the samples of <paramref name="name"/> whose labels hold every given pair, or null
    /// when there is none. Summed, as a Prometheus query would: the test hosts share one process, so
    /// a host's scrape may show a meter of the same name from another host as a second series.
    /// </summary>
    public static double? Sample(string scrape, string name, params (string Label, string Value)[] labels)
    {
        double? sum = null;
        foreach (var line in scrape.Split('\n'))
        {
            if (line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            {
                var labelEnd = line.LastIndexOf('}');
                var labelText = labelEnd < 0 ? string.Empty : line[..labelEnd];
                if (labels.All(l => labelText.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
                {
                    var value = line[(labelEnd < 0 ? name.Length : labelEnd + 1)..].Trim().Split(' ')[0];
                    sum = (sum ?? 0) + double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        return sum;
    }

    /// <summary>
    /// Scrapes until every check holds: the database figures are read on an interval, so a change
    /// shows on a later scrape. Gives up after 30 seconds and returns the last scrape.
    /// </summary>
    public static async Task<string> UntilAsync(HttpClient client, Func<string, bool> holds)
    {
        var scrape = await ReadAsync(client);
        for (var attempt = 0; attempt < 150 && !holds(scrape); attempt++)
        {
            await Task.Delay(200, Http.Ct);
            scrape = await ReadAsync(client);
        }

        return scrape;
    }
}
