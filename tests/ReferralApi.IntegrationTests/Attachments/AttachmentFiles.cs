using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Attachments;

/// <summary>Files to attach, written here byte for byte, and the calls that upload and download them.</summary>
public static class AttachmentFiles
{
    public const int ChunkSize = 64 * 1024;

    /// <summary>
    /// A valid PDF of <paramref name="pages"/> pages, each with a text stream padded so the whole is
    /// about <paramref name="approximateBytes"/> long (several 64 KiB chunks when asked), with a
    /// correct cross-reference table, as a PDF reader expects.
    /// </summary>
    public static byte[] Pdf(int pages = 3, int approximateBytes = 200_000)
    {
        var body = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        void Add(string obj)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(body.ToString()));
            body.Append(obj);
        }

        var kids = string.Join(' ', Enumerable.Range(0, pages).Select(p => $"{4 + (2 * p)} 0 R"));
        Add("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        Add($"2 0 obj\n<< /Type /Pages /Kids [{kids}] /Count {pages} >>\nendobj\n");
        Add("3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n");
        var padding = Math.Max(0, (approximateBytes / pages) - 200);
        for (var p = 0; p < pages; p++)
        {
            Add($"{4 + (2 * p)} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {5 + (2 * p)} 0 R >>\nendobj\n");
            var text = $"BT /F1 18 Tf 72 760 Td (Visum et repertum - halaman {p + 1}) Tj ET\n% " + new string((char)('a' + (p % 26)), padding) + "\n";
            Add($"{5 + (2 * p)} 0 obj\n<< /Length {Encoding.ASCII.GetByteCount(text)} >>\nstream\n{text}endstream\nendobj\n");
        }

        var xref = Encoding.ASCII.GetByteCount(body.ToString());
        body.Append(CultureInfo.InvariantCulture, $"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            body.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        body.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(body.ToString());
    }

    /// <summary>A PNG signature and IHDR chunk: enough for the type check, which reads the leading bytes.</summary>
    public static byte[] Png(int size = 1000) => Filled([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'], size);

    public static byte[] Jpeg(int size = 1000) => Filled([0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0], size);

    /// <summary>
    /// A client straight to the test server, for bodies that must stream: the factory's usual client
    /// buffers a request body (to resend it on a redirect), which gives it a known length.
    /// </summary>
    public static HttpClient StreamingClient(Infrastructure.ApiFactory factory, TestAgency agency)
    {
        var client = new HttpClient(factory.Server.CreateHandler()) { BaseAddress = factory.Server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", agency.Key);
        return client;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static Task<HttpResponseMessage> PostFileAsync(
        TestAgency party, Guid referralId, byte[] bytes, string? contentType, string kind = "visum_et_repertum", string? fileName = "visum.pdf", string? idempotencyKey = null) =>
        PostContentAsync(party, referralId, Content(bytes, contentType), kind, fileName, idempotencyKey);

    public static async Task<HttpResponseMessage> PostContentAsync(TestAgency party, Guid referralId, HttpContent content, string kind, string? fileName, string? idempotencyKey = null)
    {
        var query = $"kind={Uri.EscapeDataString(kind)}" + (fileName is null ? string.Empty : $"&fileName={Uri.EscapeDataString(fileName)}");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/referrals/{referralId}/attachments?{query}") { Content = content };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await party.Client.SendAsync(request, Http.Ct);
    }

    /// <summary>Uploads and returns the 201 answer.</summary>
    public static async Task<JsonNode> UploadAsync(TestAgency party, Guid referralId, byte[] bytes, string contentType = "application/pdf", string kind = "visum_et_repertum", string fileName = "visum.pdf")
    {
        using var response = await PostFileAsync(party, referralId, bytes, contentType, kind, fileName);
        return await response.ExpectAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonArray> ListAsync(TestAgency party, Guid referralId)
    {
        using var response = await party.Client.GetAsync($"/v1/referrals/{referralId}/attachments", Http.Ct);
        return (await response.ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();
    }

    public static Task<HttpResponseMessage> DownloadAsync(TestAgency party, Guid referralId, Guid attachmentId, string? range = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/referrals/{referralId}/attachments/{attachmentId}");
        if (range is not null)
        {
            request.Headers.Range = RangeHeaderValue.Parse(range);
        }

        return party.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Http.Ct);
    }

    /// <summary>Downloads whole and returns the bytes, asserting 200.</summary>
    public static async Task<byte[]> DownloadBytesAsync(TestAgency party, Guid referralId, Guid attachmentId)
    {
        using var response = await DownloadAsync(party, referralId, attachmentId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync(Http.Ct);
    }

    public static ByteArrayContent Content(byte[] bytes, string? contentType)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }

    private static byte[] Filled(byte[] leading, int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        leading.CopyTo(bytes, 0);
        return bytes;
    }
}
