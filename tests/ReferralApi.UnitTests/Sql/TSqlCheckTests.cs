namespace ReferralApi.UnitTests.Sql;

/// <summary>The check itself: it must reject what other engines accept and SQL Server does not.</summary>
public sealed class TSqlCheckTests
{
    [Theory]
    [InlineData("SELECT id FROM agencies ORDER BY name LIMIT @Limit")]
    [InlineData("SELECT id FROM agencies OFFSET 0 ROWS FETCH NEXT @Limit ROWS ONLY")]
    [InlineData("SELECT id FROM agencies WHERE active = true")]
    [InlineData("SELECT id FROM agencies WHERE active = FALSE")]
    [InlineData("SELECT code || name FROM agencies")]
    [InlineData("SELECT id FROM agencies WHERE created_at < NOW()")]
    [InlineData("SELECT IFNULL(contact_email, '') FROM agencies")]
    [InlineData("SELECT id FROM referrals WHERE status IN @Statuses")]
    [InlineData("INSERT INTO cases (id) VALUES (@Id) ON CONFLICT DO NOTHING")]
    [InlineData("SELECT id FROM agencies WHERE name ILIKE @Text")]
    public void Problems_RejectsOtherEnginesSyntax(string sql)
    {
        Assert.NotEmpty(TSql.Problems(sql));
    }

    [Theory]
    [InlineData("SELECT id FROM agencies WHERE active = @Active ORDER BY name, id OFFSET 0 ROWS FETCH NEXT @Limit ROWS ONLY")]
    [InlineData("SELECT CONCAT(code, name), \"true\" FROM agencies WHERE LOWER(name) LIKE @Text ESCAPE '\\'")]
    public void Problems_AcceptsTSql(string sql)
    {
        Assert.Empty(TSql.Problems(sql));
    }
}
