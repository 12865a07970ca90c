namespace ReferralApi.UnitTests.Sql;

/// <summary>One SQL text and where it came from, so a failure names its source.</summary>
internal sealed record SqlStatement(string Source, string Sql)
{
    public override string ToString() => Source;
}
