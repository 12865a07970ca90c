using ReferralApi.Features.Referrals;
using ReferralApi.Features.Reports;

namespace ReferralApi.UnitTests.Reports;

/// <summary>How one case becomes one SIMFONI-PPA victim: who from the first referral, what from the whole chain.</summary>
public sealed class SimfoniVictimTests
{
    private static readonly DateTimeOffset SentAt = new(2026, 11, 10, 20, 0, 0, TimeSpan.Zero); // 11 November in WIB

    [Theory]
    [InlineData("2008-11-11", "18-24")] // eighteen on 11 November: already so in WIB, not yet in UTC
    [InlineData("2008-11-12", "13-17")]
    [InlineData("2021-01-01", "0-5")]
    [InlineData("2014-11-11", "6-12")]
    [InlineData("1960-06-01", "60+")]
    public void AgeGroup_IsTheAgeOnTheWibDayOfTheFirstReferral(string birthDate, string group)
    {
        var victim = SimfoniVictim.Of([Referral() with { SubjectBirthDate = birthDate }]);

        Assert.Equal(group, victim.AgeGroup);
    }

    [Fact]
    public void TheGivenAge_WinsOverTheBirthDate_AndNeitherIsUnknown()
    {
        Assert.Equal("25-44", SimfoniVictim.Of([Referral() with { SubjectAgeYears = 30, SubjectBirthDate = "2020-01-01" }]).AgeGroup);
        Assert.Equal(SimfoniVictim.Unknown, SimfoniVictim.Of([Referral()]).AgeGroup);
    }

    [Fact]
    public void TheChain_AddsFormsAndGivenServices_ButTheVictimIsTheFirstReferrals()
    {
        var first = Referral() with { SubjectSex = "female", ViolenceTypes = "[\"sexual\"]", ServicesRequested = "[\"medical\",\"psychosocial\"]", Status = "completed" };
        var declined = Referral() with { SubjectSex = "male", ViolenceTypes = "[\"physical\"]", ServicesRequested = "[\"legal_aid\"]", Status = "declined", IncidentPlace = "school" };
        var accepted = Referral() with { ViolenceTypes = "[\"trafficking\"]", ServicesRequested = "[\"repatriation\"]", Status = "in_progress", IncidentPlace = "household" };

        var victim = SimfoniVictim.Of([first, declined, accepted]);

        Assert.Equal("Perempuan", victim.Sex);
        Assert.Equal(["Fisik", "Seksual", "Trafficking"], victim.ViolenceForms.Order(StringComparer.Ordinal));
        Assert.Equal(["Kesehatan", "Pemulangan"], victim.ServicesGiven.Order(StringComparer.Ordinal));
        Assert.Equal("Sekolah", victim.Place);
    }

    [Fact]
    public void AnOnlinePlace_HasNoSimfoniCategory_AndCountsAsUnknown()
    {
        Assert.Equal(SimfoniVictim.Unknown, SimfoniVictim.Of([Referral() with { IncidentPlace = "online" }]).Place);
        Assert.Equal(SimfoniVictim.Unknown, SimfoniVictim.Of([Referral()]).Place);
    }

    private static SimfoniReferral Referral() => new()
    {
        Id = Guid.CreateVersion7(),
        CaseId = Guid.Empty,
        CreatedAt = SentAt,
        Status = "sent",
        ViolenceTypes = "[\"physical\"]",
        ServicesRequested = "[\"psychosocial\"]",
        SubjectSex = "female",
    };
}
