using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;
using static ReferralApi.IntegrationTests.Reliability.Reliable;

namespace ReferralApi.IntegrationTests.Reliability;

/// <summary>
/// <c>Idempotency-Key</c> on <c>POST /v1/referrals</c>: a repeat is answered from the first request,
/// a reused key with another body writes nothing, keys belong to one agency, and bad keys are 400.
/// </summary>
public abstract class IdempotencyTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task Create_ReplaysFirstAnswer_WhenSameKeyAndSameBody()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var body = Scenario.ReferralBody(receiver.Id);
        var key = NewKey();

        using var first = await sender.Client.PostJsonAsync("/v1/referrals", body, Key(key));
        var created = await first.ExpectAsync(HttpStatusCode.Created);
        using var again = await sender.Client.PostJsonAsync("/v1/referrals", body, Key(key));
        var replayed = await again.ExpectAsync(HttpStatusCode.Created);

        Assert.False(first.IsReplayed());
        Assert.True(again.IsReplayed());
        Assert.Equal(Scenario.IdOf(created), Scenario.IdOf(replayed));
        Assert.Equal(new Uri($"/v1/referrals/{Scenario.IdOf(created)}", UriKind.Relative), again.Headers.Location);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal("\"1\"", again.Headers.ETag?.Tag);
        Assert.Equal((string?)created["externalReference"], (string?)replayed["externalReference"]);
        Assert.Equal(1, await fx.CountAsync("referrals", "from_agency_id", sender.Id));
    }

    [Fact]
    public async Task Create_Replays_WhenSameBodyDiffersOnlyInFieldOrder()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var body = Scenario.ReferralBody(receiver.Id);
        var reordered = new JsonObject(body.AsEnumerable().Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        var key = NewKey();

        using var first = await sender.Client.PostJsonAsync("/v1/referrals", body, Key(key));
        var created = await first.ExpectAsync(HttpStatusCode.Created);
        using var again = await sender.Client.PostJsonAsync("/v1/referrals", reordered, Key(key));
        var replayed = await again.ExpectAsync(HttpStatusCode.Created);

        Assert.True(again.IsReplayed());
        Assert.Equal(Scenario.IdOf(created), Scenario.IdOf(replayed));
        Assert.Equal(1, await fx.CountAsync("referrals", "from_agency_id", sender.Id));
    }

    [Fact]
    public async Task Create_Returns422AndWritesNothing_WhenSameKeyAndDifferentBody()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        using var other = await fx.CreateAgencyAsync();
        var key = NewKey();
        using var first = await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(receiver.Id), Key(key));
        var created = await first.ExpectAsync(HttpStatusCode.Created);
        var changed = Scenario.ReferralBody(other.Id);
        changed["reason"] = "A different referral under the same key.";

        using var reused = await sender.Client.PostJsonAsync("/v1/referrals", changed, Key(key));

        await reused.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.False(reused.IsReplayed());
        Assert.Equal(1, await fx.CountAsync("referrals", "from_agency_id", sender.Id));
        Assert.Equal(0, await fx.CountAsync("referrals", "to_agency_id", other.Id));
        Assert.Equal(1, await fx.CountAsync("cases", "opened_by_agency_id", sender.Id));
        Assert.Equal(1, await fx.CountAsync("referral_status_changes", "referral_id", Scenario.IdOf(created)));
    }

    [Fact]
    public async Task Note_Returns422_WhenKeyWasUsedForAnotherRequest()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var key = NewKey();
        using var first = await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(receiver.Id), Key(key));
        var id = Scenario.IdOf(await first.ExpectAsync(HttpStatusCode.Created));

        using var reused = await sender.Client.PostJsonAsync($"/v1/referrals/{id}/notes", new JsonObject { ["text"] = "Hello." }, Key(key));

        await reused.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.Equal(0, await fx.CountAsync("referral_notes", "referral_id", id));
    }

    [Fact]
    public async Task Create_TreatsKeysAsPerAgency_WhenTwoAgenciesUseTheSameKey()
    {
        using var first = await fx.CreateAgencyAsync();
        using var second = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var body = Scenario.ReferralBody(receiver.Id);
        var key = NewKey();

        using var fromFirst = await first.Client.PostJsonAsync("/v1/referrals", body, Key(key));
        var one = await fromFirst.ExpectAsync(HttpStatusCode.Created);
        using var fromSecond = await second.Client.PostJsonAsync("/v1/referrals", body, Key(key));
        var two = await fromSecond.ExpectAsync(HttpStatusCode.Created);

        Assert.False(fromSecond.IsReplayed());
        Assert.NotEqual(Scenario.IdOf(one), Scenario.IdOf(two));
        Assert.Equal(second.Id.ToString(), (string?)two["fromAgencyId"]);
        Assert.Equal(1, await fx.CountAsync("referrals", "from_agency_id", first.Id));
        Assert.Equal(1, await fx.CountAsync("referrals", "from_agency_id", second.Id));
    }

    [Fact]
    public async Task Create_TreatsKeysThatDifferOnlyInCase_AsDifferentKeys()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var key = "Order-" + Guid.NewGuid().ToString("N").ToUpperInvariant();

        using var upper = await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(receiver.Id), Key(key));
        var first = await upper.ExpectAsync(HttpStatusCode.Created);
        using var lower = await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(receiver.Id), Key(key.ToLowerInvariant()));
        var second = await lower.ExpectAsync(HttpStatusCode.Created);

        Assert.False(lower.IsReplayed());
        Assert.NotEqual(Scenario.IdOf(first), Scenario.IdOf(second));
        Assert.Equal(2, await fx.CountAsync("referrals", "from_agency_id", sender.Id));
    }

    [Theory]
    [MemberData(nameof(Reliable.InvalidKeys), MemberType = typeof(Reliable))]
    public async Task Create_Returns400NamingHeader_WhenKeyIsInvalid(string key)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();

        using var response = await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(receiver.Id), Key(key));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.NotNull(problem["errors"]?[KeyHeader]);
        Assert.Equal(0, await fx.CountAsync("referrals", "from_agency_id", sender.Id));
    }

    [Fact]
    public async Task Create_Returns400NamingHeader_WhenKeyIsEmpty()
    {
        // The in-memory test server drops a header whose value is empty, so this case goes through Kestrel.
        await using var kestrel = new ApiFactory(fx.Database.Provider, fx.Database.ConnectionString);
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        using var client = kestrel.CreateClient().WithKey(sender.Key);

        using var response = await client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(receiver.Id), Key(string.Empty));

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.NotNull(problem["errors"]?[KeyHeader]);
        Assert.Equal(0, await fx.CountAsync("referrals", "from_agency_id", sender.Id));
    }

    [Fact]
    public async Task Create_AcceptsKey_WhenItIs255VisibleCharacters()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var key = "!~" + new string('k', 253);

        using var response = await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(receiver.Id), Key(key));
        await response.ExpectAsync(HttpStatusCode.Created);
        using var again = await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(receiver.Id), Key(key));

        await again.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.Equal(1, await fx.CountAsync("referrals", "from_agency_id", sender.Id));
    }
}

public sealed class IdempotencyTests_Sqlite(ApiFixture<Sqlite> fx) : IdempotencyTests<Sqlite>(fx);

public sealed class IdempotencyTests_Postgres(ApiFixture<Postgres> fx) : IdempotencyTests<Postgres>(fx);

public sealed class IdempotencyTests_SqlServer(ApiFixture<SqlServer> fx) : IdempotencyTests<SqlServer>(fx);
