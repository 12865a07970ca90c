using Microsoft.AspNetCore.Http;
using ReferralApi.Infrastructure.Security;
using ReferralApi.Infrastructure.Security.Tokens;

namespace ReferralApi.UnitTests.Security;

/// <summary>Keys and tokens share the Bearer header; the credential's shape alone picks the handler.</summary>
public sealed class BearerSchemesTests
{
    [Theory]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln")]
    [InlineData("eyJ0eXAiOiJKV1QifQ.e30.AAAA")]
    [InlineData("eyJhbGciOiJub25lIn0.e30.")]
    public void AJwt_GoesToTheTokenHandler_WhenTokensAreOn(string credential)
    {
        Assert.Equal(BearerSchemes.Token, BearerSchemes.For(Request("Bearer " + credential), tokensEnabled: true));
        Assert.Equal(ApiKeyAuthenticationHandler.SchemeName, BearerSchemes.For(Request("Bearer " + credential), tokensEnabled: false));
    }

    [Theory]
    [InlineData("Bearer rfk_AAAAAAAA_0000000000000000000000000000000000000000000")]
    [InlineData("Bearer rfk_eyJ.a.b")]
    [InlineData("Bearer an-admin-key.with.dots")]
    [InlineData("Bearer eyJ..sig")]
    [InlineData("Bearer eyJa.b.c.d")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("")]
    public void AnythingElse_GoesToTheKeyHandler(string header)
    {
        Assert.Equal(ApiKeyAuthenticationHandler.SchemeName, BearerSchemes.For(Request(header), tokensEnabled: true));
    }

    private static DefaultHttpContext Request(string authorization)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = authorization;
        return context;
    }
}
