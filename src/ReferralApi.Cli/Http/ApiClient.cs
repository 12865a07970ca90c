using System.Net;
using System.Net.Http.Headers;
using System.Net.Mime;
using System.Text;
using System.Text.Json.Nodes;
using Polly;

namespace ReferralApi.Cli.Http;

/// <summary>
/// The only way the commands reach the API: JSON over HTTP with the bearer credential, the chosen
/// language, bounded retries, and the API's answer turned into a body, a problem, or an outage.
/// </summary>
internal sealed class ApiClient : IDisposable
{
    private readonly HttpClient http;
    private readonly ResiliencePipeline<HttpResponseMessage> retry;

    public ApiClient(ApiSettings settings, CliContext context, TimeSpan? retryBaseDelay = null)
    {
        http = context.Handler is null ? new HttpClient() : new HttpClient(context.Handler, disposeHandler: false);
        http.BaseAddress = settings.BaseAddress;
        http.Timeout = TimeSpan.FromSeconds(100);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.Credential);
        http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(settings.Language));
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaTypeNames.Application.Json));
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("referral-cli", typeof(ApiClient).Assembly.GetName().Version?.ToString(3)));
        retry = RetryPolicy.Create(context.Time, retryBaseDelay ?? TimeSpan.FromSeconds(1));
    }

    public Task<ApiResponse> GetAsync(string pathAndQuery, CancellationToken ct) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, pathAndQuery), ct);

    public Task<ApiResponse> PostAsync(string path, JsonNode body, WriteOptions write, CancellationToken ct)
    {
        var json = body.ToJsonString();
        return SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new StringContent(json, Encoding.UTF8, MediaTypeNames.Application.Json),
            };
            request.Headers.Add("Idempotency-Key", write.IdempotencyKey);
            if (write.IfMatchVersion is { } version)
            {
                request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
            }

            return request;
        }, ct);
    }

    /// <summary>Every item of a paged list, following <c>nextCursor</c> until the last page.</summary>
    public async IAsyncEnumerable<JsonNode> ListAllAsync(string path, QueryString query, int pageSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? cursor = null;
        do
        {
            var page = (await GetAsync(path + query.With("limit", pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)).With("cursor", cursor), ct)).RequiredBody;
            foreach (var item in page["items"]?.AsArray() ?? [])
            {
                yield return item!;
            }

            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);
    }

    /// <summary>
    /// A streamed answer (the export): its body copied to <paramref name="output"/> as it arrives, the
    /// answer's headers returned. Only the wait for the headers is retried; a body cut short is an outage.
    /// </summary>
    public async Task<HttpResponseHeaders> DownloadAsync(string pathAndQuery, string accept, TextWriter output, CancellationToken ct)
    {
        using var response = await SendOnceAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
            request.Headers.Accept.Clear();
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
            return request;
        }, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            await ThrowAsync(response, ct);
        }

        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct), Encoding.UTF8);
            var buffer = new char[16 * 1024];
            int read;
            while ((read = await reader.ReadAsync(buffer, ct)) > 0)
            {
                await output.WriteAsync(buffer.AsMemory(0, read), ct);
            }

            await output.FlushAsync(ct);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new CliException(ExitCodes.Unavailable, $"The answer from {http.BaseAddress} was cut short: {e.Message}. Running the same command again is safe.", e);
        }

        return response.Headers;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> create, HttpCompletionOption completion, CancellationToken ct)
    {
        try
        {
            return await retry.ExecuteAsync(async token =>
            {
                // A request message is sent once; every attempt gets its own, with the same headers and body.
                using var request = create();
                return await http.SendAsync(request, completion, token);
            }, ct);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new CliException(ExitCodes.Unavailable, $"Cannot reach the API at {http.BaseAddress}: {e.Message}", e);
        }
    }

    private async Task<ApiResponse> SendAsync(Func<HttpRequestMessage> create, CancellationToken ct)
    {
        using var response = await SendOnceAsync(create, HttpCompletionOption.ResponseContentRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            await ThrowAsync(response, ct);
        }

        var text = await response.Content.ReadAsStringAsync(ct);
        return new ApiResponse((int)response.StatusCode, string.IsNullOrWhiteSpace(text) ? null : TryParse(text), response.Headers);
    }

    /// <summary>A refusal as the problem it carries; a failure, a throttle or an outage as "retry later".</summary>
    private static async Task ThrowAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        var body = string.IsNullOrWhiteSpace(text) ? null : TryParse(text);
        var status = (int)response.StatusCode;
        if (status >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests || response.Headers.RetryAfter is not null)
        {
            var retryAfter = RetryPolicy.RetryAfter(response);
            var wait = retryAfter is null ? "" : $"; it asks to retry after {retryAfter.Value.TotalSeconds:0} s";
            throw new CliException(ExitCodes.Unavailable, $"The API answered {status} {(string?)body?["title"] ?? response.ReasonPhrase}{wait}. Retrying later is safe.");
        }

        throw new ApiProblemException(status, body as JsonObject ?? new JsonObject { ["title"] = response.ReasonPhrase, ["status"] = status });
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public void Dispose() => http.Dispose();
}
