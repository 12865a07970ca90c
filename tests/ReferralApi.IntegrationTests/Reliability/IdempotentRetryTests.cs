using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;
using static ReferralApi.IntegrationTests.Reliability.Reliable;

namespace ReferralApi.IntegrationTests.Reliability;

/// <summary>
/// Retries under an <c>Idempotency-Key</c> beyond creation: moves and notes replay the current
/// resource, a request that failed leaves its key free, and a replay passes authentication and
/// authorization again rather than answering from memory.
/// </summary>
public abstract class IdempotentRetryTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task Acknowledge_ReplaysCurrentResource_WhenSameKeyAndSameBody()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));
        var key = NewKey();
        var received = new JsonObject { ["decision"] = "received" };
        using var first = await receiver.Client.PostJsonAsync($"/v1/referrals/{id}/acknowledgement", received, Key(key));
        Assert.Equal("received", (string?)(await first.ExpectAsync(HttpStatusCode.OK))["status"]);
        await Scenario.AcknowledgeAsync(receiver, id, "accepted");

        using var again = await receiver.Client.PostJsonAsync($"/v1/referrals/{id}/acknowledgement", received, Key(key));

        // Without the key this move would now be 409 invalid-transition: the answer comes from the first request.
        var replayed = await again.ExpectAsync(HttpStatusCode.OK);
        Assert.True(again.IsReplayed());
        Assert.Equal("accepted", (string?)replayed["status"]);
        Assert.Equal(3, (int?)replayed["version"]);
        Assert.Equal("\"3\"", again.Headers.ETag?.Tag);
        Assert.Equal(3, await fx.CountAsync("referral_status_changes", "referral_id", id));
    }

    [Fact]
    public async Task Note_ReplaysSameNote_WhenSameKeyAndSameBody()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));
        var note = new JsonObject { ["text"] = "The subject is safe tonight; call before visiting." };
        var key = NewKey();

        using var first = await sender.Client.PostJsonAsync($"/v1/referrals/{id}/notes", note, Key(key));
        var created = await first.ExpectAsync(HttpStatusCode.Created);
        using var again = await sender.Client.PostJsonAsync($"/v1/referrals/{id}/notes", note, Key(key));
        var replayed = await again.ExpectAsync(HttpStatusCode.Created);

        Assert.False(first.IsReplayed());
        Assert.True(again.IsReplayed());
        Assert.Equal(Scenario.IdOf(created), Scenario.IdOf(replayed));
        Assert.NotNull(again.Headers.Location);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(1, await fx.CountAsync("referral_notes", "referral_id", id));
    }

    [Fact]
    public async Task Create_RunsAgain_WhenFirstAttemptFailedWith4xx()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var closed = await fx.CreateAgencyAsync(acceptsReferrals: false);
        using var receiver = await fx.CreateAgencyAsync();
        var key = NewKey();

        using var failed = await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(closed.Id), Key(key));
        await failed.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "recipient-unavailable");
        using var corrected = await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(receiver.Id), Key(key));
        var created = await corrected.ExpectAsync(HttpStatusCode.Created);

        Assert.False(corrected.IsReplayed());
        Assert.Equal(receiver.Id.ToString(), (string?)created["toAgencyId"]);
        Assert.Equal(1, await fx.CountAsync("referrals", "from_agency_id", sender.Id));
    }

    [Fact]
    public async Task Create_RunsAgain_WhenFirstAttemptHitADuplicateReference()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var body = Scenario.ReferralBody(receiver.Id);
        await Scenario.SendReferralAsync(sender, receiver, b => b["externalReference"] = (string?)body["externalReference"]);
        var key = NewKey();

        using var failed = await sender.Client.PostJsonAsync("/v1/referrals", body, Key(key));
        await failed.ExpectProblemAsync(HttpStatusCode.Conflict, "duplicate-external-reference");
        body["externalReference"] = "LP/corrected/" + Guid.NewGuid().ToString("N")[..8];
        using var corrected = await sender.Client.PostJsonAsync("/v1/referrals", body, Key(key));

        await corrected.ExpectAsync(HttpStatusCode.Created);
        Assert.False(corrected.IsReplayed());
        Assert.Equal(2, await fx.CountAsync("referrals", "from_agency_id", sender.Id));
    }

    [Fact]
    public async Task Acknowledge_RunsAgain_WhenFirstAttemptHadAStaleIfMatch()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));
        await Scenario.AcknowledgeAsync(receiver, id, "received");
        var accept = new JsonObject { ["decision"] = "accepted" };
        var key = NewKey();

        using var stale = await receiver.Client.PostJsonAsync($"/v1/referrals/{id}/acknowledgement", accept, Key(key), IfMatch("\"1\""));
        await stale.ExpectProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        using var current = await receiver.Client.PostJsonAsync($"/v1/referrals/{id}/acknowledgement", accept, Key(key), IfMatch("\"2\""));

        var moved = await current.ExpectAsync(HttpStatusCode.OK);
        Assert.False(current.IsReplayed());
        Assert.Equal("accepted", (string?)moved["status"]);
        Assert.Equal(3, (int?)moved["version"]);
    }

    [Fact]
    public async Task Replay_Returns401_WhenTheKeyThatMadeTheRequestWasRevoked()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        using var admin = fx.CreateAdminClient();
        using var issued = await admin.PostJsonAsync($"/v1/agencies/{sender.Id}/api-keys", null);
        var secondKey = await issued.ExpectAsync(HttpStatusCode.Created);
        using var rotated = fx.CreateClient((string)secondKey["key"]!);
        var body = Scenario.ReferralBody(receiver.Id);
        var key = NewKey();
        using var first = await rotated.PostJsonAsync("/v1/referrals", body, Key(key));
        var created = await first.ExpectAsync(HttpStatusCode.Created);
        using var revoke = await admin.DeleteAsync(new Uri($"/v1/agencies/{sender.Id}/api-keys/{secondKey["id"]}", UriKind.Relative), Http.Ct);
        Assert.True(revoke.IsSuccessStatusCode, $"revoking the key answered {(int)revoke.StatusCode}");

        using var revoked = await rotated.PostJsonAsync("/v1/referrals", body, Key(key));
        using var sameAgency = await sender.Client.PostJsonAsync("/v1/referrals", body, Key(key));

        await revoked.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.False(revoked.IsReplayed());
        // Keys are scoped to the agency, not to the API key: its other key gets the replay.
        Assert.Equal(Scenario.IdOf(created), Scenario.IdOf(await sameAgency.ExpectAsync(HttpStatusCode.Created)));
        Assert.True(sameAgency.IsReplayed());
    }

    [Fact]
    public async Task Replay_Returns403_WhenTheAgencyLostTheAgencyRole()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var body = Scenario.ReferralBody(receiver.Id);
        var key = NewKey();
        using var first = await sender.Client.PostJsonAsync("/v1/referrals", body, Key(key));
        await first.ExpectAsync(HttpStatusCode.Created);
        using var admin = fx.CreateAdminClient();
        using var demoted = await admin.PatchJsonAsync($"/v1/agencies/{sender.Id}", new JsonObject { ["roles"] = new JsonArray("oversight") });
        await demoted.ExpectAsync(HttpStatusCode.OK);

        using var again = await sender.Client.PostJsonAsync("/v1/referrals", body, Key(key));

        await again.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.False(again.IsReplayed());
    }
}

public sealed class IdempotentRetryTests_Sqlite(ApiFixture<Sqlite> fx) : IdempotentRetryTests<Sqlite>(fx);

public sealed class IdempotentRetryTests_Postgres(ApiFixture<Postgres> fx) : IdempotentRetryTests<Postgres>(fx);

public sealed class IdempotentRetryTests_SqlServer(ApiFixture<SqlServer> fx) : IdempotentRetryTests<SqlServer>(fx);
