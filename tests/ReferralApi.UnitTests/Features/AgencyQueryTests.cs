using ReferralApi.Domain;
using ReferralApi.Features.Agencies;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Paging;

namespace ReferralApi.UnitTests.Features;

/// <summary>The directory filters hand the database patterns that match only what they say.</summary>
public sealed class AgencyQueryTests
{
    [Fact]
    public void ServiceFilter_EscapesTheUnderscoreOfTheCode()
    {
        var (sql, args) = AgencyStore.BuildQuery(new SqlServerDialect(), new AgencyFilter(null, null, Service.LegalAid, null, false), new PageRequest(50, null));

        Assert.Contains("services LIKE @Service ESCAPE '\\'", sql, StringComparison.Ordinal);
        Assert.Equal("%\"legal\\_aid\"%", args.Get<string>("Service"));
    }

    [Fact]
    public void TextFilter_EscapesEveryLikeWildcard()
    {
        var (_, args) = AgencyStore.BuildQuery(new SqliteDialect(), new AgencyFilter(null, null, null, " A%b_c[d\\e ", false), new PageRequest(50, null));

        Assert.Equal("%a\\%b\\_c\\[d\\\\e%", args.Get<string>("Text"));
    }
}
