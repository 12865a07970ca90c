using ReferralApi.Infrastructure.Data;

namespace ReferralApi.UnitTests.Data;

/// <summary>The kept text of an id is always that id's canonical text, whichever ids share its slot.</summary>
public sealed class SqliteGuidTextTests
{
    [Fact]
    public void AnIdBoundAgain_GetsTheSameText_WithoutANewString()
    {
        var id = Guid.NewGuid();

        var first = SqliteGuidText.Of(id);

        Assert.Equal(id.ToString("D"), first);
        Assert.Same(first, SqliteGuidText.Of(id));
    }

    [Fact]
    public void ManyIds_FromManyThreads_EachGetTheirOwnText()
    {
        // Far more ids than slots, so slots are taken over while other threads read them.
        var ids = Enumerable.Range(0, 20_000).Select(_ => Guid.NewGuid()).ToArray();

        Parallel.For(0, 8, worker =>
        {
            for (var round = 0; round < 3; round++)
            {
                for (var i = worker; i < ids.Length; i += 3)
                {
                    Assert.Equal(ids[i].ToString("D"), SqliteGuidText.Of(ids[i]));
                }
            }
        });
    }
}
