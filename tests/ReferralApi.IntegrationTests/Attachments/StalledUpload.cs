using System.Net.Http.Headers;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;
using static ReferralApi.IntegrationTests.Attachments.AttachmentFiles;

namespace ReferralApi.IntegrationTests.Attachments;

/// <summary>An upload whose client sent two chunks' worth of a PDF and then stalls, until the test makes it go away.</summary>
internal sealed class StalledUpload : IDisposable
{
    private readonly CancellationTokenSource cancel = CancellationTokenSource.CreateLinkedTokenSource(Http.Ct);
    private readonly HttpRequestMessage request;
    private readonly HttpClient client;

    private StalledUpload(ApiFactory factory, TestAgency sender, Guid referralId, StallingStream body)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        request = new HttpRequestMessage(HttpMethod.Post, $"/v1/referrals/{referralId}/attachments?kind=police_report&fileName=lp.pdf") { Content = content };
        client = StreamingClient(factory, sender);
        Response = client.SendAsync(request, cancel.Token);
    }

    public Task<HttpResponseMessage> Response { get; }

    /// <summary>Starts the upload and returns once its first bytes have been read by the API.</summary>
    public static async Task<StalledUpload> StartAsync(ApiFactory factory, TestAgency sender, Guid referralId)
    {
        var body = new StallingStream(Pdf(1, 3 * ChunkSize), stallAfter: 2 * ChunkSize);
        var upload = new StalledUpload(factory, sender, referralId, body);
        await body.Stalled.WaitAsync(TimeSpan.FromSeconds(30), Http.Ct);
        return upload;
    }

    /// <summary>The client goes away: the upload ends with a cancellation.</summary>
    public async Task DisconnectAsync()
    {
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Response);
    }

    public void Dispose()
    {
        client.Dispose();
        request.Dispose();
        cancel.Dispose();
    }
}
