using System.Net;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.OpenApi;

/// <summary>
/// The served OpenAPI document equals the committed <c>openapi/referral-api.v1.json</c>, so every
/// change to the contract integrators see shows up in review. The document does not depend on the
/// database engine, so SQLite alone serves it.
/// </summary>
public sealed class OpenApiDocumentTests(ApiFixture<Sqlite> fx) : IClassFixture<ApiFixture<Sqlite>>
{
    [Fact]
    public async Task ServedDocument_MatchesCommittedFile()
    {
        var served = OpenApiSnapshot.Normalize(await FetchAsync(fx));
        var path = OpenApiSnapshot.FilePath;

        if (OpenApiSnapshot.Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, served, Http.Ct);
            TestContext.Current.SendDiagnosticMessage($"wrote {path}");
            Assert.Equal(served, await File.ReadAllTextAsync(path, Http.Ct));
            return;
        }

        Assert.True(File.Exists(path), $"{OpenApiSnapshot.RelativePath} does not exist; run {OpenApiSnapshot.RefreshCommand} and commit it.");
        var committed = OpenApiSnapshot.Normalize(await File.ReadAllTextAsync(path, Http.Ct));
        Assert.True(
            committed == served,
            $"{OpenApiSnapshot.RelativePath} differs from the served document ({OpenApiSnapshot.FirstDifference(committed, served)}). "
            + $"If the change is intended, run {OpenApiSnapshot.RefreshCommand} and commit the file.");
    }

    /// <summary>The document as served at <c>GET /openapi/v1.json</c>.</summary>
    public static async Task<string> FetchAsync(ApiFixture<Sqlite> fixture)
    {
        using var client = fixture.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Http.Ct);
    }
}
