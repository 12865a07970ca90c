using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Input;

namespace ReferralApi.IntegrationTests.Support;

/// <summary>Small HTTP helpers: JSON bodies as <see cref="JsonNode"/> so tests can bend them freely.</summary>
public static class Http
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, JsonNode? body, params (string Name, string Value)[] headers) =>
        client.SendJsonAsync(HttpMethod.Post, url, body, headers);

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string url, JsonNode? body, params (string Name, string Value)[] headers) =>
        client.SendJsonAsync(HttpMethod.Patch, url, body, headers);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string body, string contentType = "application/json") =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, contentType) }, Ct);

    public static async Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, JsonNode? body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request, Ct);
    }

    public static Task<HttpResponseMessage> GetAsync(this HttpClient client, string url, params (string Name, string Value)[] headers) =>
        client.SendJsonAsync(HttpMethod.Get, url, null, headers);

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("Empty JSON body.");
    }

    /// <summary>Asserts the status and returns the JSON body; on a mismatch the body is in the message.</summary>
    public static async Task<JsonNode> ExpectAsync(this HttpResponseMessage response, System.Net.HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return string.IsNullOrEmpty(text) ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>Asserts a problem+json answer with the given status and code, and returns it.</summary>
    public static async Task<JsonNode> ExpectProblemAsync(this HttpResponseMessage response, System.Net.HttpStatusCode status, string code)
    {
        var body = await response.ExpectAsync(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, (string?)body["code"]);
        ProblemAssert.TypeNames(body, code);
        return body;
    }

    public static MediaTypeHeaderValue? ContentType(this HttpResponseMessage response) => response.Content.Headers.ContentType;
}
