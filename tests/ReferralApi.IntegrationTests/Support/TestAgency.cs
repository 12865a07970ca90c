namespace ReferralApi.IntegrationTests.Support;

/// <summary>An agency created through the admin API for one test, with a client that holds its key.</summary>
public sealed record TestAgency(Guid Id, string Code, string Key, HttpClient Client) : IDisposable
{
    public void Dispose() => Client.Dispose();
}
