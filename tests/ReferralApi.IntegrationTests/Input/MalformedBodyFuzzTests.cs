using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;
using Xunit.Sdk;

namespace ReferralApi.IntegrationTests.Input;

/// <summary>
/// Hundreds of broken bodies, generated from a fixed seed, are posted to /v1/referrals: the API may
/// accept a body that is still valid or refuse it as a problem, but never fail with a 5xx.
/// </summary>
public abstract class MalformedBodyFuzzTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    private const int Seed = 20261128;
    private const int Cases = 400;

    [Fact]
    public async Task MutatedBodies_NeverGet5xx_AndEveryRefusalIsProblemJson()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var recipient = await fx.CreateAgencyAsync();
        var mutator = new BodyMutator(Seed);
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();

        for (var i = 0; i < Cases; i++)
        {
            var fuzz = mutator.Next(Scenario.ReferralBody(recipient.Id).Set("externalReference", $"FUZZ/{i}"));
            using var content = new ByteArrayContent(fuzz.Body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using var response = await sender.Client.PostAsync(new Uri("/v1/referrals", UriKind.Relative), content, Http.Ct);
            var text = await response.Content.ReadAsStringAsync(Http.Ct);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (Verdict(response, text) is { } wrong)
            {
                failures.Add($"#{i} {fuzz.Description}: {wrong}\n    body: {Preview(fuzz.Body)}");
            }
        }

        var summary = string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"));
        Assert.True(failures.Count == 0, $"seed {Seed}: {failures.Count} of {Cases} bodies were mishandled ({summary}):\n{string.Join("\n", failures.Take(15))}");

        // The cases must get past the parser too: most are refused, yet the validators and the
        // database see some of them, so more than one kind of answer comes back.
        Assert.True(statuses.GetValueOrDefault(400) > Cases / 2, summary);
        Assert.True(statuses.Count >= 3, summary);
    }

    [Fact]
    public async Task AfterTheFuzz_AValidReferralIsStillAccepted()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var recipient = await fx.CreateAgencyAsync();
        var mutator = new BodyMutator(Seed + 1);
        for (var i = 0; i < 50; i++)
        {
            using var content = new ByteArrayContent(mutator.Next(Scenario.ReferralBody(recipient.Id)).Body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var ignored = await sender.Client.PostAsync(new Uri("/v1/referrals", UriKind.Relative), content, Http.Ct);
        }

        var created = await Scenario.SendReferralAsync(sender, recipient);

        Assert.Equal("sent", (string?)created["status"]);
    }

    [Fact]
    public void Mutator_GivesTheSameCases_ForTheSameSeed()
    {
        var to = Guid.CreateVersion7();
        var first = new BodyMutator(Seed);
        var second = new BodyMutator(Seed);

        for (var i = 0; i < 100; i++)
        {
            var a = first.Next(Scenario.ReferralBody(to).Set("externalReference", "SAME"));
            var b = second.Next(Scenario.ReferralBody(to).Set("externalReference", "SAME"));
            Assert.Equal(a.Description, b.Description);
            Assert.Equal(a.Body, b.Body);
        }
    }

    /// <summary>Null when the answer is acceptable: 201 for a body that is still valid, or a well-formed 4xx problem.</summary>
    private static string? Verdict(HttpResponseMessage response, string text)
    {
        var status = (int)response.StatusCode;
        if (status == (int)HttpStatusCode.Created)
        {
            return null;
        }

        if (status is < 400 or >= 500)
        {
            return $"{status} {Shorten(text)}";
        }

        try
        {
            ProblemAssert.Shape(response, text);
            return null;
        }
        catch (XunitException e)
        {
            return e.Message;
        }
    }

    private static string Preview(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        return Shorten(text);
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + $"… ({text.Length} chars)";
}

// A few hundred requests per engine; the two engines that run everywhere are enough to find a crash.
public sealed class MalformedBodyFuzzTests_Sqlite(ApiFixture<Sqlite> fx) : MalformedBodyFuzzTests<Sqlite>(fx);

public sealed class MalformedBodyFuzzTests_Postgres(ApiFixture<Postgres> fx) : MalformedBodyFuzzTests<Postgres>(fx);
