using ReferralApi.Infrastructure.Data;

namespace ReferralApi.UnitTests.Data;

/// <summary>PostgreSQL statements get <c>$n</c> for their <c>@Name</c>s, and only where a name is a parameter.</summary>
public sealed class PositionalStatementTests
{
    [Fact]
    public void Names_GetPositionsInTheOrderTheyFirstAppear_AndANameUsedAgainKeepsItsPosition()
    {
        var statement = PositionalStatement.TryRewrite("SELECT a FROM t WHERE b = @Agency AND c = @Id OR d = @agency")!;

        Assert.Equal("SELECT a FROM t WHERE b = $1 AND c = $2 OR d = $1", statement.Text);
        Assert.Equal(["Agency", "Id"], statement.Names);
        Assert.True(statement.TryGetPosition("AGENCY", out var position));
        Assert.Equal(0, position);
        Assert.False(statement.TryGetPosition("Missing", out _));
    }

    [Fact]
    public void QuotesCommentsCastsAndOperators_AreLeftAsTheyAre()
    {
        const string Sql = """
            SELECT '@NotOne', 'it''s @Two', "@Col" -- @Three
            FROM t /* @Four */ WHERE j @> @Json::jsonb AND v @@ q AND x = @_x1 AND y=@Y;
            """;

        var statement = PositionalStatement.TryRewrite(Sql)!;

        Assert.Equal(
            """
            SELECT '@NotOne', 'it''s @Two', "@Col" -- @Three
            FROM t /* @Four */ WHERE j @> $1::jsonb AND v @@ q AND x = $2 AND y=$3;
            """,
            statement.Text);
        Assert.Equal(["Json", "_x1", "Y"], statement.Names);
    }

    [Theory]
    [InlineData("SELECT 1")]
    [InlineData("SELECT a FROM t WHERE b = $1 AND c = @C")]
    [InlineData("SELECT $$ @A $$, @B")]
    [InlineData("SELECT E'\\' @A', @B")]
    [InlineData("SELECT @A; SELECT @B")]
    [InlineData("SELECT /* /* @A */ */ @B")]
    [InlineData("SELECT 'unterminated @A")]
    [InlineData("SELECT @A WHERE b = {=B}")]
    public void TextItDoesNotFollow_KeepsItsNames(string sql) =>
        Assert.Null(PositionalStatement.TryRewrite(sql));

    [Fact]
    public void AnEmailLikeWordOrANameAfterAnotherAt_IsNotAParameter()
    {
        var statement = PositionalStatement.TryRewrite("SELECT a@b, @@c, @D")!;

        Assert.Equal("SELECT a@b, @@c, $1", statement.Text);
    }
}
