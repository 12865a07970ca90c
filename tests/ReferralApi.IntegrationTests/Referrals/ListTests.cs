using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Referrals;

/// <summary><c>GET /v1/referrals</c>: the caller's inbox and outbox, filtered, newest activity first, keyset paginated.</summary>
public abstract class ListTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task List_ShowsInboxOutboxOrBoth_NewestActivityFirst()
    {
        using var police = await fx.CreateAgencyAsync();
        using var shelter = await fx.CreateAgencyAsync();
        var sent1 = await SendAsync(police, shelter);
        var sent2 = await SendAsync(police, shelter);
        var received = await SendAsync(shelter, police);

        Assert.Equal([received], await ListAsync(police, "?box=inbox"));
        Assert.Equal([sent2, sent1], await ListAsync(police, "?box=outbox"));
        Assert.Equal([received, sent2, sent1], await ListAsync(police, ""));
        Assert.Equal([sent2, sent1], await ListAsync(shelter, "?box=inbox"));
        Assert.Equal([received], await ListAsync(shelter, "?box=outbox"));
    }

    [Fact]
    public async Task List_ItemsCarryInitialsOnly_NeverSubjectIdentity()
    {
        using var police = await fx.CreateAgencyAsync();
        using var shelter = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(police, shelter, "accepted");

        using var response = await shelter.Client.GetAsync("/v1/referrals?box=inbox", Http.Ct);

        var item = Assert.Single((await response.ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray())!.AsObject();
        Assert.Equal(id, Scenario.IdOf(item));
        Assert.Equal("S.A.", (string?)item["subjectInitials"]);
        Assert.Equal("accepted", (string?)item["status"]);
        Assert.False(item.ContainsKey("subject"));
        Assert.DoesNotContain("Siti Aminah", item.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FiltersByStatus_OneOrSeveral()
    {
        using var police = await fx.CreateAgencyAsync();
        using var shelter = await fx.CreateAgencyAsync();
        var accepted = await ReferralSteps.InStatusAsync(police, shelter, "accepted");
        var declined = await ReferralSteps.InStatusAsync(police, shelter, "declined");
        var sent = await ReferralSteps.InStatusAsync(police, shelter, "sent");

        Assert.Equal([accepted], await ListAsync(police, "?box=outbox&status=accepted"));
        Assert.Equal([sent], await ListAsync(shelter, "?box=inbox&status=sent"));
        Assert.Equal([declined, accepted], await ListAsync(shelter, "?status=accepted,declined"));
        Assert.Empty(await ListAsync(police, "?status=completed"));
    }

    [Fact]
    public async Task List_FiltersByUrgencyAndOverdue()
    {
        using var police = await fx.CreateAgencyAsync();
        using var shelter = await fx.CreateAgencyAsync();
        var emergency = await SendAsync(police, shelter, "emergency");
        var urgent = await SendAsync(police, shelter, "urgent");
        var routine = await SendAsync(police, shelter, "routine");

        Assert.Equal([emergency], await ListAsync(police, "?urgency=emergency"));
        Assert.Equal([urgent], await ListAsync(shelter, "?box=inbox&urgency=urgent"));
        Assert.Equal([routine], await ListAsync(police, "?box=outbox&status=sent&urgency=routine"));
        Assert.Empty(await ListAsync(shelter, "?urgency=routine&box=outbox"));

        // Every deadline here is days ahead, so nothing is overdue yet.
        Assert.Empty(await ListAsync(shelter, "?overdue=true"));
        Assert.Equal([routine, urgent, emergency], await ListAsync(shelter, "?overdue=false"));
    }

    [Fact]
    public async Task List_FiltersByUpdatedAfter_Exclusively()
    {
        using var police = await fx.CreateAgencyAsync();
        using var shelter = await fx.CreateAgencyAsync();
        var first = await Scenario.SendReferralAsync(police, shelter);
        var second = await SendAsync(police, shelter);

        var after = Uri.EscapeDataString((string)first["updatedAt"]!);

        Assert.Equal([second], await ListAsync(police, "?updatedAfter=" + after));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?box=outbox")]
    [InlineData("?box=inbox")]
    public async Task List_PagesWithLimitAndCursor_EachReferralExactlyOnce_NewestActivityFirst(string query)
    {
        using var police = await fx.CreateAgencyAsync();
        using var shelter = await fx.CreateAgencyAsync();
        var sent = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            sent.Add(await SendAsync(police, shelter));
        }

        // New activity on an older referral moves it to the front.
        using var note = await shelter.Client.PostJsonAsync($"/v1/referrals/{sent[2]}/notes", new JsonObject { ["text"] = "Intake booked." });
        await note.ExpectAsync(HttpStatusCode.Created);
        var expected = sent.Where(id => id != sent[2]).Reverse().Prepend(sent[2]).ToList();
        var reader = query == "?box=inbox" ? shelter : police;

        var listed = await ReferralSteps.AllPagesAsync(reader.Client, "/v1/referrals" + query, 3);

        Assert.Equal(expected, listed);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(200)]
    public async Task List_AcceptsLimitsFromOneTo200_AndEndsWithNullCursor(int limit)
    {
        using var police = await fx.CreateAgencyAsync();
        using var shelter = await fx.CreateAgencyAsync();
        var sent = new[] { await SendAsync(police, shelter), await SendAsync(police, shelter) };

        using var first = await police.Client.GetAsync($"/v1/referrals?limit={limit}", Http.Ct);
        var page = await first.ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(sent.Reverse().Take(limit), page["items"]!.AsArray().Select(i => Scenario.IdOf(i!)));
        Assert.Equal(limit < sent.Length, page["nextCursor"] is not null);
        Assert.Equal(sent.Reverse(), await ReferralSteps.AllPagesAsync(police.Client, "/v1/referrals", limit));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=1.5", "limit")]
    [InlineData("cursor=%25%25not-a-cursor", "cursor")]
    [InlineData("cursor=WyJ4Il0", "cursor")]
    [InlineData("cursor=WyJub3BlIiwibm9wZSJd", "cursor")]
    [InlineData("box=sent", "box")]
    [InlineData("status=open", "status")]
    [InlineData("urgency=high", "urgency")]
    [InlineData("overdue=yes", "overdue")]
    [InlineData("updatedAfter=2026-11-28T10:00:00", "updatedAfter")]
    public async Task List_Returns400NamingParameter_WhenQueryInvalid(string query, string parameter)
    {
        using var police = await fx.CreateAgencyAsync();

        using var response = await police.Client.GetAsync("/v1/referrals?" + query, Http.Ct);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        var errors = problem["errors"]!.AsObject();
        Assert.Equal([parameter], errors.Select(e => e.Key));
        Assert.NotEmpty(errors[parameter]!.AsArray());
    }

    private static async Task<Guid> SendAsync(TestAgency from, TestAgency to, string urgency = "urgent") =>
        Scenario.IdOf(await Scenario.SendReferralAsync(from, to, b => b["urgency"] = urgency));

    private static async Task<List<Guid>> ListAsync(TestAgency caller, string query)
    {
        using var response = await caller.Client.GetAsync("/v1/referrals" + query, Http.Ct);
        var page = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Null((string?)page["nextCursor"]);
        return [.. page["items"]!.AsArray().Select(i => Scenario.IdOf(i!))];
    }
}

public sealed class ListTests_Sqlite(ApiFixture<Sqlite> fx) : ListTests<Sqlite>(fx);

public sealed class ListTests_Postgres(ApiFixture<Postgres> fx) : ListTests<Postgres>(fx);

public sealed class ListTests_SqlServer(ApiFixture<SqlServer> fx) : ListTests<SqlServer>(fx);
