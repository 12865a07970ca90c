using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Demo;

/// <summary>
/// A week of referrals between the demo agencies, hour by hour: police to the UPTD PPA and the
/// hospital, immigration at Entikong to BP3MI, BP3MI to social services, the UPTD to legal aid,
/// the task force to immigration. Receivers acknowledge, accept or decline after a few hours; some
/// answer late and some not at all, so deadlines pass and the overdue job speaks.
/// </summary>
internal sealed class DemoWeekScript(DemoWeekFixture fx, Dictionary<string, string> keys)
{
    private sealed record Route(string From, string To, string Urgency, string[] Violence, string[] Services, string[] Regions, bool Trafficking);

    private sealed record Answer(Guid Referral, string Receiver, int AtHour, string Decision);

    private static readonly Route[] Routes =
    [
        new("POLDA-KALBAR-PPA", "UPTD-PPA-KALBAR", "urgent", ["sexual"], ["psychosocial", "safe_house"], ["61.71", "61.12", "61.01"], false),
        new("POLDA-KALBAR-PPA", "RSUD-SOEDARSO", "emergency", ["physical", "sexual"], ["medical"], ["61.71", "61.12"], false),
        new("IMIGRASI-ENTIKONG", "BP3MI-KALBAR", "urgent", ["trafficking", "exploitation"], ["repatriation", "reintegration"], ["61.03"], true),
        new("BP3MI-KALBAR", "DINSOS-KALBAR", "routine", ["trafficking"], ["social_rehabilitation", "safe_house"], ["61.03", "61.01"], true),
        new("UPTD-PPA-KALBAR", "OBH-KALBAR", "routine", ["sexual", "psychological"], ["legal_aid", "restitution"], ["61.71", "61.01"], false),
        new("UPTD-PPA-KALBAR", "RSUD-SOEDARSO", "urgent", ["sexual"], ["medical", "psychological"], ["61.12"], false),
        new("GUGUS-TPPO-KALBAR", "IMIGRASI-ENTIKONG", "urgent", ["trafficking"], ["civil_documents", "repatriation"], ["61.06", "61.03"], true),
        new("DINSOS-KALBAR", "UPTD-PPA-KALBAR", "routine", ["psychological", "neglect"], ["psychosocial"], ["61.72", "61.71"], false),
    ];

    private readonly Random random = new(61);
    private readonly Dictionary<string, HttpClient> clients = [];
    private readonly Dictionary<string, Guid> ids = [];
    private readonly List<Answer> answers = [];

    /// <summary>Every referral sent, with the code of its sender.</summary>
    public List<(Guid Id, string From)> Sent { get; } = [];

    /// <summary>A demo agency as the script reaches it.</summary>
    public TestAgency Agency(string code) => new(ids[code], code, keys[code], clients[code]);

    /// <summary>Plays seven days from the next UTC midnight; returns when the week started.</summary>
    public async Task<DateTimeOffset> PlayAsync()
    {
        var now = fx.Clock.GetUtcNow();
        fx.Clock.Advance(now.UtcDateTime.Date.AddDays(1) - now.UtcDateTime);
        var start = fx.Clock.GetUtcNow();
        foreach (var code in Routes.SelectMany(r => new[] { r.From, r.To }).Distinct())
        {
            clients[code] = fx.CreateClient(keys[code]);
        }

        foreach (var code in clients.Keys)
        {
            using var found = await clients[code].GetAsync($"/v1/agencies?q={code}", Http.Ct);
            ids[code] = Scenario.IdOf((await found.ExpectAsync(HttpStatusCode.OK))["items"]![0]!);
        }

        for (var hour = 0; hour < 7 * 24; hour++)
        {
            // Offices send during the day (07:00-19:00 WIB is 00:00-12:00 UTC), a few an hour.
            if (hour % 24 < 12 && random.Next(2) == 0)
            {
                await SendAsync(Routes[random.Next(Routes.Length)], hour);
            }

            foreach (var answer in answers.Where(a => a.AtHour == hour).ToList())
            {
                await AnswerAsync(answer);
            }

            fx.Clock.Advance(TimeSpan.FromHours(1));
        }

        return start;
    }

    private async Task SendAsync(Route route, int hour)
    {
        var body = Scenario.ReferralBody(ids[route.To]);
        body["externalReference"] = $"DEMO/{Sent.Count + 1:000}";
        body["urgency"] = route.Urgency;
        body["violenceTypes"] = new JsonArray([.. route.Violence.Select(v => (JsonNode?)v)]);
        body["servicesRequested"] = new JsonArray([.. route.Services.Select(s => (JsonNode?)s)]);
        body["incident"]!["regionCode"] = route.Regions[random.Next(route.Regions.Length)];
        if (!route.Trafficking)
        {
            body.Remove("trafficking");
        }

        using var response = await clients[route.From].PostJsonAsync("/v1/referrals", body);
        var id = Scenario.IdOf(await response.ExpectAsync(HttpStatusCode.Created));
        Sent.Add((id, route.From));

        // Most receivers acknowledge within hours and answer within the day; one in eight never answers.
        var received = hour + 1 + random.Next(10);
        answers.Add(new Answer(id, route.To, received, "received"));
        var fate = random.Next(8);
        if (fate > 0)
        {
            // Deadlines are 24 h, 72 h and 7 days: the spread lets some answers come late.
            var answeredAt = received + random.Next(2, route.Urgency switch { "emergency" => 30, "urgent" => 84, _ => 120 });
            answers.Add(new Answer(id, route.To, answeredAt, fate == 1 ? "declined" : "accepted"));
            if (fate >= 5)
            {
                answers.Add(new Answer(id, route.To, answeredAt + 2 + random.Next(24), "in_progress"));
            }
        }
    }

    private async Task AnswerAsync(Answer answer)
    {
        var receiver = Agency(answer.Receiver);
        if (answer.Decision == "in_progress")
        {
            await Scenario.MoveAsync(receiver, answer.Referral, "in_progress");
        }
        else
        {
            await Scenario.AcknowledgeAsync(receiver, answer.Referral, answer.Decision);
        }
    }
}
