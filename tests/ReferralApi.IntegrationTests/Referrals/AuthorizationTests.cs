using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Referrals;

/// <summary>
/// A referral exists only for its two parties: anyone else gets the same 404 as for an id that
/// does not exist, on every route and in every list; oversight keys never reach case data; and a
/// request without a valid key is a 401 challenge.
/// </summary>
public abstract class AuthorizationTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    public static readonly TheoryData<string, string, string?> ReferralRoutes = new()
    {
        { "GET", "", null },
        { "GET", "/status", null },
        { "POST", "/status", """{"status":"cancelled","reasonCode":"duplicate"}""" },
        { "POST", "/acknowledgement", """{"decision":"accepted"}""" },
        { "GET", "/notes", null },
        { "POST", "/notes", """{"text":"Is the survivor safe?"}""" },
    };

    [Theory]
    [MemberData(nameof(ReferralRoutes))]
    public async Task ReferralRoute_Returns404_LikeUnknownId_WhenCallerIsNotAParty(string method, string suffix, string? body)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        using var outsider = await fx.CreateAgencyAsync();
        var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));

        using var response = await SendAsync(outsider.Client, method, $"/v1/referrals/{id}{suffix}", body);
        using var unknown = await SendAsync(outsider.Client, method, $"/v1/referrals/{Guid.CreateVersion7()}{suffix}", body);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        var unknownProblem = await unknown.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal(WithoutTraceId(unknownProblem), WithoutTraceId(problem));
        var asSender = await ReferralSteps.StatusAsync(sender, id);
        Assert.Equal("sent", (string?)asSender["status"]);
        Assert.Equal(1, (int)asSender["version"]!);
        using var notes = await sender.Client.GetAsync($"/v1/referrals/{id}/notes", Http.Ct);
        Assert.Empty((await notes.ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray());
    }

    [Fact]
    public async Task GetCase_Returns404_LikeUnknownCase_WhenCallerIsNotAParty()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        using var outsider = await fx.CreateAgencyAsync();
        var caseId = (string)(await Scenario.SendReferralAsync(sender, receiver))["caseId"]!;

        using var response = await outsider.Client.GetAsync($"/v1/cases/{caseId}", Http.Ct);
        using var unknown = await outsider.Client.GetAsync($"/v1/cases/{Guid.CreateVersion7()}", Http.Ct);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal(WithoutTraceId(await unknown.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found")), WithoutTraceId(problem));
        using var asParty = await receiver.Client.GetAsync($"/v1/cases/{caseId}", Http.Ct);
        await asParty.ExpectAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?box=inbox")]
    [InlineData("?box=outbox")]
    public async Task List_NeverShowsOthersReferrals(string query)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        using var outsider = await fx.CreateAgencyAsync();
        var theirs = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));
        var own = Scenario.IdOf(await Scenario.SendReferralAsync(outsider, receiver));

        var seen = await ReferralSteps.AllPagesAsync(outsider.Client, "/v1/referrals" + query, 200);
        var receiverSees = await ReferralSteps.AllPagesAsync(receiver.Client, "/v1/referrals" + query, 200);

        Assert.DoesNotContain(theirs, seen);
        Assert.Equal(query == "?box=inbox" ? [] : new[] { own }, seen);
        Assert.Equal(query == "?box=outbox" ? [] : new[] { own, theirs }, receiverSees);
    }

    public static readonly TheoryData<string, string, string?> AgencyRoutes = new()
    {
        { "GET", "/v1/referrals", null },
        { "POST", "/v1/referrals", "referral" },
        { "GET", "/v1/referrals/{id}", null },
        { "GET", "/v1/referrals/{id}/status", null },
        { "POST", "/v1/referrals/{id}/status", """{"status":"cancelled","reasonCode":"duplicate"}""" },
        { "POST", "/v1/referrals/{id}/acknowledgement", """{"decision":"accepted"}""" },
        { "GET", "/v1/referrals/{id}/notes", null },
        { "POST", "/v1/referrals/{id}/notes", """{"text":"Oversight question"}""" },
        { "GET", "/v1/cases/{caseId}", null },
    };

    [Theory]
    [MemberData(nameof(AgencyRoutes))]
    public async Task ReferralRoute_Returns403_WhenKeyHoldsOnlyOversightRole(string method, string route, string? body)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        using var oversight = await fx.CreateAgencyAsync(roles: ["oversight"]);
        var referral = await Scenario.SendReferralAsync(sender, receiver);
        var url = route.Replace("{id}", (string)referral["id"]!, StringComparison.Ordinal)
            .Replace("{caseId}", (string)referral["caseId"]!, StringComparison.Ordinal);
        var payload = body == "referral" ? Scenario.ReferralBody(receiver.Id).ToJsonString() : body;

        using var response = await SendAsync(oversight.Client, method, url, payload);

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(1, (int)(await ReferralSteps.GetAsync(sender, Scenario.IdOf(referral)))["version"]!);
    }

    [Fact]
    public async Task ReferralRoutes_Work_WhenAgencyAlsoHoldsOversightRole()
    {
        using var both = await fx.CreateAgencyAsync(roles: ["agency", "oversight"]);
        using var receiver = await fx.CreateAgencyAsync();

        var id = Scenario.IdOf(await Scenario.SendReferralAsync(both, receiver));

        Assert.Equal("sent", (string?)(await ReferralSteps.GetAsync(both, id))["status"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer")]
    [InlineData("Bearer garbage")]
    [InlineData("Bearer rfk_AAAAAAAA_0000000000000000000000000000000000000000000")]
    [InlineData("Basic dXNlcjpwYXNzd29yZA==")]
    [InlineData("mutated")]
    public async Task ReferralRoute_Returns401WithBearerChallenge_WhenKeyMissingOrWrong(string? authorization)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));
        if (authorization == "mutated")
        {
            // A real key with one character changed: the prefix finds the row, the hash must not match.
            authorization = "Bearer " + sender.Key[..^1] + (sender.Key[^1] == 'A' ? 'B' : 'A');
        }

        using var anonymous = fx.CreateClient();
        foreach (var (method, url) in new[] { ("GET", $"/v1/referrals/{id}"), ("GET", "/v1/referrals"), ("POST", $"/v1/referrals/{id}/notes") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            request.Content = method == "POST" ? new StringContent("""{"text":"x"}""", System.Text.Encoding.UTF8, "application/json") : null;
            using var response = await anonymous.SendAsync(request, Http.Ct);

            await response.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        }
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url, string? body) =>
        client.SendJsonAsync(new HttpMethod(method), url, body is null ? null : JsonNode.Parse(body));

    private static string WithoutTraceId(JsonNode problem)
    {
        var copy = problem.DeepClone().AsObject();
        copy.Remove("traceId");
        return copy.ToJsonString();
    }
}

public sealed class AuthorizationTests_Sqlite(ApiFixture<Sqlite> fx) : AuthorizationTests<Sqlite>(fx);

public sealed class AuthorizationTests_Postgres(ApiFixture<Postgres> fx) : AuthorizationTests<Postgres>(fx);

public sealed class AuthorizationTests_SqlServer(ApiFixture<SqlServer> fx) : AuthorizationTests<SqlServer>(fx);
