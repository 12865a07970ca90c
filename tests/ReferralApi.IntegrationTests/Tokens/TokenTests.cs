using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Tokens;

/// <summary>A person's JWT beside API keys: the same agency, the same rules, narrowed by scopes.</summary>
public abstract class TokenTests<TEngine>(TokenFixture<TEngine> fx) : IClassFixture<TokenFixture<TEngine>>
    where TEngine : IEngine
{
    private const string ReadWrite = "openid referrals.read referrals.write";
    private static readonly string[] ClaimedRoles = ["admin", "oversight"];

    [Fact]
    public async Task Token_ReadsTheInbox_WithMinimumDisclosure_AndAcknowledges()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));
        using var person = fx.CreateClient(fx.Issuer.Mint(receiver.Code, ReadWrite));

        var inbox = await (await person.GetAsync("/v1/referrals?box=inbox", Http.Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id.ToString(), (string?)Assert.Single(inbox["items"]!.AsArray())!["id"]);
        using var read = await person.GetAsync($"/v1/referrals/{id}", Http.Ct);
        var referral = await read.ExpectAsync(HttpStatusCode.OK);
        Assert.Null(referral["subject"]!["fullName"]);
        Assert.Null(referral["subject"]!["nationalId"]);
        Assert.Equal("no-store", read.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", string.Join(",", read.Headers.GetValues("X-Content-Type-Options")));

        using var ack = await person.PostJsonAsync($"/v1/referrals/{id}/acknowledgement", new JsonObject { ["decision"] = "received" });
        Assert.Equal("received", (string?)(await ack.ExpectAsync(HttpStatusCode.OK))["status"]);
        var seenBySender = await (await sender.Client.GetAsync($"/v1/referrals/{id}/status", Http.Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(receiver.Id.ToString(), (string?)seenBySender["history"]!.AsArray()[^1]!["byAgencyId"]);

        // A token's reads and changes are logged under its agency with the all-zero key id (and the person: ActingPersonTests).
        var log = await (await sender.Client.GetAsync($"/v1/referrals/{id}/access-log", Http.Ct)).ExpectAsync(HttpStatusCode.OK);
        var byToken = log["items"]!.AsArray().Where(e => (string?)e!["agencyId"] == receiver.Id.ToString()).ToList();
        Assert.Equal(["list", "read", "acknowledge"], byToken.Select(e => (string?)e!["action"]));
        Assert.All(byToken, e => Assert.Equal(Guid.Empty.ToString(), (string?)e!["keyId"]));
    }

    [Fact]
    public async Task Me_NamesThePersonAndScopes_AndNoKey()
    {
        using var agency = await fx.CreateAgencyAsync();
        using var person = fx.CreateClient(fx.Issuer.Mint(agency.Code, ReadWrite + " unknown.scope", subject: "f3c1-77", name: "Ibu Rina"));

        var me = await (await person.GetAsync("/v1/me", Http.Ct)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(agency.Id.ToString(), (string?)me["agency"]!["id"]);
        Assert.Equal("""{"sub":"f3c1-77","name":"Ibu Rina"}""", me["person"]!.ToJsonString());
        Assert.Equal("""["referrals.read","referrals.write"]""", me["scopes"]!.ToJsonString());
        Assert.Null(me["keyId"]);
        var asKey = await (await agency.Client.GetAsync("/v1/me", Http.Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Null(asKey["person"]);
        Assert.NotNull(asKey["keyId"]);
    }

    [Fact]
    public async Task Token_OfAThirdAgency_Gets404_LikeAKey()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        using var outsider = await fx.CreateAgencyAsync();
        var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));
        using var person = fx.CreateClient(fx.Issuer.Mint(outsider.Code, ReadWrite));

        await (await person.GetAsync($"/v1/referrals/{id}", Http.Ct)).ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        using var ack = await person.PostJsonAsync($"/v1/referrals/{id}/acknowledgement", new JsonObject { ["decision"] = "received" });
        await ack.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("referrals.read", "POST", "/v1/referrals/{id}/acknowledgement", "referrals.write")]
    [InlineData("referrals.write", "GET", "/v1/referrals/{id}", "referrals.read")]
    [InlineData("referrals.read referrals.write", "GET", "/v1/reports/summary?from=2026-01-01&to=2026-01-31", "reports.read")]
    [InlineData("referrals.read referrals.write", "GET", "/v1/webhooks", "admin")]
    [InlineData("referrals.read referrals.write", "PATCH", "/v1/me/agency", "admin")]
    public async Task Token_WithoutTheRoutesScope_Gets403_NamingIt(string scope, string method, string path, string missing)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));
        using var person = fx.CreateClient(fx.Issuer.Mint(receiver.Code, scope));

        using var response = await person.SendJsonAsync(new HttpMethod(method), path.Replace("{id}", id.ToString(), StringComparison.Ordinal),
            method == "GET" ? null : new JsonObject { ["decision"] = "received", ["capacityStatus"] = "full" });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(missing, (string?)problem["missingScope"]);
        Assert.Contains(missing, (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal($"Bearer error=\"insufficient_scope\", scope=\"{missing}\"", response.Headers.WwwAuthenticate.ToString());
        var status = await (await sender.Client.GetAsync($"/v1/referrals/{id}", Http.Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("sent", (string?)status["status"]);
    }

    [Fact]
    public async Task Token_NeverManagesKeys_NorReachesAdminRoutes_WhateverRolesItClaims()
    {
        using var agency = await fx.CreateAgencyAsync();
        var token = fx.Issuer.Mint(agency.Code, "referrals.read referrals.write reports.read admin", d =>
        {
            d.Claims["roles"] = ClaimedRoles;
            d.Claims["role"] = "admin";
            d.Claims["agency_id"] = Guid.Empty.ToString();
        });
        using var person = fx.CreateClient(token);

        using var issue = await person.PostJsonAsync($"/v1/agencies/{agency.Id}/api-keys", new JsonObject());
        await issue.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await person.GetAsync($"/v1/agencies/{agency.Id}/api-keys", Http.Ct)).ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await person.GetAsync("/v1/admin/audit-log", Http.Ct)).ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        var me = await (await person.GetAsync("/v1/me", Http.Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("""["agency"]""", me["roles"]!.ToJsonString());
        Assert.Equal(agency.Id.ToString(), (string?)me["agency"]!["id"]);
    }

    [Fact]
    public async Task BadTokens_Get401_WithInvalidToken()
    {
        using var agency = await fx.CreateAgencyAsync();
        var tokens = new[]
        {
            fx.Issuer.Mint(agency.Code, ReadWrite, d => (d.NotBefore, d.IssuedAt, d.Expires) = (DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-1))),
            TestIssuer.MintWithForeignKey(agency.Code),
            fx.Issuer.Mint(agency.Code, ReadWrite, d => d.Audience = "another-api"),
            fx.Issuer.Mint(agency.Code, ReadWrite, d => d.Issuer = "https://elsewhere.example"),
            fx.Issuer.Mint("NO-SUCH-AGENCY", ReadWrite),
            fx.Issuer.Mint(null, ReadWrite),
            Tampered(fx.Issuer.Mint(agency.Code, "referrals.read")),
            Unsigned(fx.Issuer.Mint(agency.Code, ReadWrite)),
        };

        foreach (var token in tokens)
        {
            using var client = fx.CreateClient(token);
            using var response = await client.GetAsync("/v1/referrals", Http.Ct);
            await response.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
            Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
        }
    }

    [Fact]
    public async Task Token_OfAnInactiveAgency_Gets401()
    {
        using var agency = await fx.CreateAgencyAsync();
        using var person = fx.CreateClient(fx.Issuer.Mint(agency.Code, ReadWrite));
        await (await person.GetAsync("/v1/referrals", Http.Ct)).ExpectAsync(HttpStatusCode.OK);

        using var admin = fx.CreateAdminClient();
        using var deactivate = await admin.PatchJsonAsync($"/v1/agencies/{agency.Id}", new JsonObject { ["active"] = false });
        await deactivate.ExpectAsync(HttpStatusCode.OK);

        await (await person.GetAsync("/v1/referrals", Http.Ct)).ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task IdempotencyKey_IsScopedToTheAgency_AcrossTokensAndKeys()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        using var person = fx.CreateClient(fx.Issuer.Mint(sender.Code, ReadWrite));
        var body = Scenario.ReferralBody(receiver.Id);
        var key = ("Idempotency-Key", "token-" + Guid.NewGuid());

        using var first = await person.PostJsonAsync("/v1/referrals", body, key);
        var created = await first.ExpectAsync(HttpStatusCode.Created);
        using var again = await sender.Client.PostJsonAsync("/v1/referrals", body.DeepClone(), key);

        Assert.Equal((string?)created["id"], (string?)(await again.ExpectAsync(HttpStatusCode.Created))["id"]);
        Assert.Equal("true", string.Join(",", again.Headers.GetValues("Idempotent-Replayed")));
        var outbox = await (await sender.Client.GetAsync("/v1/referrals?box=outbox", Http.Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(outbox["items"]!.AsArray());
    }

    /// <summary>The same claims with <c>alg: none</c> and no signature.</summary>
    private static string Unsigned(string token)
    {
        var header = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        return $"{header}.{token.Split('.')[1]}.";
    }

    /// <summary>The payload changed after signing: another scope, same signature.</summary>
    private static string Tampered(string token)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[1]))!;
        payload["scope"] = "referrals.read referrals.write admin";
        return $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
    }
}

public sealed class TokenTests_Sqlite(TokenFixture<Sqlite> fx) : TokenTests<Sqlite>(fx);

public sealed class TokenTests_Postgres(TokenFixture<Postgres> fx) : TokenTests<Postgres>(fx);

public sealed class TokenTests_SqlServer(TokenFixture<SqlServer> fx) : TokenTests<SqlServer>(fx);
