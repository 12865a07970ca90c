using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Referrals;

/// <summary>
/// Minimum disclosure: the receiver sees who the subject is only while it holds an accepted
/// referral; the sender always sees what it sent, and what it sent comes back unchanged.
/// </summary>
public abstract class DisclosureTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    private static readonly string[] MinimumFields = ["initials", "sex", "ageYears", "regionCode", "disability", "safeContact"];

    private static readonly string[] IdentityFields = ["fullName", "nationalId", "birthDate", "phone", "address"];

    [Theory]
    [InlineData("sent")]
    [InlineData("received")]
    public async Task Receiver_SeesOnlyMinimumSubject_BeforeAcceptance(string status)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, status);

        var subject = (await ReferralSteps.GetAsync(receiver, id))["subject"]!;

        AssertMinimum(subject);
    }

    [Theory]
    [InlineData("accepted")]
    [InlineData("in_progress")]
    [InlineData("on_hold")]
    [InlineData("completed")]
    [InlineData("failed")]
    public async Task Receiver_SeesFullSubject_AfterAcceptance(string status)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, status);

        var subject = (await ReferralSteps.GetAsync(receiver, id))["subject"]!;

        JsonAssert.ContainsAll(Scenario.ReferralBody(receiver.Id)["subject"]!, subject, "$.subject");
        Assert.Equal(ExpectedAge(), (int?)subject["ageYears"]);
    }

    [Fact]
    public async Task Receiver_SeesOnlyMinimumSubject_AfterDecline()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "declined");

        AssertMinimum((await ReferralSteps.GetAsync(receiver, id))["subject"]!);
    }

    [Theory]
    [InlineData("accepted")]
    [InlineData("in_progress")]
    [InlineData("on_hold")]
    public async Task Receiver_SeesOnlyMinimumSubject_WhenCancelledAfterAcceptance(string from)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, from);
        Assert.NotNull((string?)(await ReferralSteps.GetAsync(receiver, id))["subject"]!["fullName"]);

        await Scenario.MoveAsync(sender, id, "cancelled");

        AssertMinimum((await ReferralSteps.GetAsync(receiver, id))["subject"]!);
    }

    [Theory]
    [InlineData("sent")]
    [InlineData("received")]
    [InlineData("accepted")]
    [InlineData("declined")]
    [InlineData("in_progress")]
    [InlineData("on_hold")]
    [InlineData("completed")]
    [InlineData("failed")]
    [InlineData("cancelled")]
    public async Task Sender_AlwaysSeesEverythingItSent(string status)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        JsonNode? sent = null;
        var id = await ReferralSteps.InStatusAsync(sender, receiver, status, body => sent = body.DeepClone());

        var referral = await ReferralSteps.GetAsync(sender, id);

        Assert.Equal(status, (string?)referral["status"]);
        JsonAssert.ContainsAll(sent, referral, "$");
    }

    [Theory]
    [InlineData("complete")]
    [InlineData("alternate")]
    public async Task Create_RoundTripsEveryFieldExactly_ToSender(string variant)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var body = variant == "complete" ? Scenario.ReferralBody(receiver.Id) : AlternateBody(receiver.Id);

        using var created = await sender.Client.PostJsonAsync("/v1/referrals", body);
        var id = Scenario.IdOf(await created.ExpectAsync(HttpStatusCode.Created));
        var referral = await ReferralSteps.GetAsync(sender, id);

        JsonAssert.ContainsAll(body, referral, "$");
        Assert.Equal(sender.Id, Guid.Parse((string)referral["fromAgencyId"]!));
        Assert.Equal("sent", (string?)referral["status"]);
    }

    /// <summary>The other value of every boolean, other codes, explicit nulls, age instead of birth date, microseconds and non-ASCII text.</summary>
    private static JsonObject AlternateBody(Guid to)
    {
        var respondBy = DateTime.UtcNow.Date.AddDays(3).AddHours(10).AddTicks(1_234_560);
        return new JsonObject
        {
            ["toAgencyId"] = to.ToString(),
            ["previousReferralId"] = null,
            ["externalReference"] = null,
            ["urgency"] = "emergency",
            ["violenceTypes"] = new JsonArray("physical", "psychological", "exploitation"),
            ["trafficking"] = new JsonObject
            {
                ["purposes"] = new JsonArray("forced_labour", "other"),
                ["modes"] = new JsonArray(),
                ["crossBorder"] = false,
                ["borderPost"] = null,
            },
            ["servicesRequested"] = new JsonArray("legal_aid", "interpreter", "repatriation"),
            ["reason"] = "Dua baris:\nKorban dipekerjakan di Kuching — 'tanpa' gaji; 中文 ✓ Ñ.",
            ["respondBy"] = respondBy.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture),
            ["incident"] = new JsonObject { ["occurredOn"] = "2024-02-29", ["regionCode"] = "61.71", ["place"] = "online" },
            ["subject"] = new JsonObject
            {
                ["initials"] = "N.Ü.",
                ["fullName"] = null,
                ["sex"] = "male",
                ["birthDate"] = null,
                ["ageYears"] = 15,
                ["nationalId"] = null,
                ["nationality"] = "MY",
                ["phone"] = null,
                ["address"] = null,
                ["regionCode"] = null,
                ["disability"] = true,
                ["safeContact"] = new JsonObject { ["doNotContact"] = true, ["preferredChannel"] = "whatsapp", ["notes"] = "" },
            },
            ["legalBasis"] = "vital_interest",
            ["consent"] = new JsonObject
            {
                ["givenBy"] = "guardian",
                ["obtainedAt"] = "2026-11-26T08:30:12.345678Z",
                ["obtainedBy"] = "Ibu D., pendamping",
                ["scope"] = "darurat",
            },
        };
    }

    private static void AssertMinimum(JsonNode subject)
    {
        var sent = Scenario.ReferralBody(Guid.Empty)["subject"]!;
        foreach (var field in IdentityFields)
        {
            Assert.True(subject.AsObject().ContainsKey(field), $"subject.{field} is missing; it should be present as null.");
            Assert.True(subject[field] is null, $"subject.{field} is disclosed to the receiver: {subject[field]?.ToJsonString()}");
        }

        var shown = subject.AsObject().Where(p => p.Value is not null).Select(p => p.Key).Order();
        Assert.Equal(MinimumFields.Order(), shown);
        Assert.Equal(ExpectedAge(), (int?)subject["ageYears"]);
        foreach (var field in MinimumFields.Where(f => f != "ageYears"))
        {
            JsonAssert.ContainsAll(sent[field], subject[field], "$.subject." + field);
        }
    }

    /// <summary>The age derived from Scenario's birth date (2001-04-01) today.</summary>
    private static int ExpectedAge()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var born = new DateOnly(2001, 4, 1);
        return today.Year - born.Year - (born.AddYears(today.Year - born.Year) > today ? 1 : 0);
    }
}

public sealed class DisclosureTests_Sqlite(ApiFixture<Sqlite> fx) : DisclosureTests<Sqlite>(fx);

public sealed class DisclosureTests_Postgres(ApiFixture<Postgres> fx) : DisclosureTests<Postgres>(fx);

public sealed class DisclosureTests_SqlServer(ApiFixture<SqlServer> fx) : DisclosureTests<SqlServer>(fx);
