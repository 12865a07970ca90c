using System.Text;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Json;

namespace ReferralApi.Features.Referrals;

/// <summary>
/// Reads a batch body, NDJSON (one create per non-blank line) or a JSON array of creates, into
/// items judged one by one: an item the serializer refuses carries its 400 problem, and the rest of
/// the batch goes on. Only a body that is not a batch at all (not an array, not JSON, too many
/// items) refuses the whole request.
/// </summary>
internal static class ReferralBatchReader
{
    public const string NdjsonMediaType = "application/x-ndjson";

    private static readonly JsonSerializerOptions CanonicalOptions = CreateCanonicalOptions();

    public static async Task<IReadOnlyList<BatchItem>> ReadAsync(HttpRequest request, JsonSerializerOptions options, int maxItems, CancellationToken ct)
    {
        var ndjson = IsNdjson(request.ContentType);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var body = new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
        var items = ndjson ? FromLines(body, options) : FromArray(body, options);
        if (items.Count is 0 || items.Count > maxItems)
        {
            throw ApiProblem.Validation("$", Messages.BatchSize, maxItems);
        }

        return items;
    }

    /// <summary>The create as parsed and written back compactly: equal for two lines asking for the same thing.</summary>
    public static string Canonical(CreateReferralRequest request) => JsonSerializer.Serialize(request, CanonicalOptions);

    private static JsonSerializerOptions CreateCanonicalOptions()
    {
        var options = new JsonSerializerOptions();
        JsonSetup.Configure(options);
        return options;
    }

    private static bool IsNdjson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var type))
        {
            throw new ApiProblem(ProblemCodes.UnsupportedMediaType);
        }

        if (type.MediaType.Equals(NdjsonMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            ? false
            : throw new ApiProblem(ProblemCodes.UnsupportedMediaType);
    }

    private static List<BatchItem> FromLines(ReadOnlyMemory<byte> body, JsonSerializerOptions options)
    {
        var items = new List<BatchItem>();
        foreach (var line in Encoding.UTF8.GetString(body.Span).Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonElement element;
            try
            {
                using var document = JsonDocument.Parse(line);
                element = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                items.Add(new BatchItem(items.Count, null, ApiProblem.Validation("$", Messages.MalformedJson), line));
                continue;
            }

            items.Add(Item(items.Count, element, options));
        }

        return items;
    }

    private static List<BatchItem> FromArray(ReadOnlyMemory<byte> body, JsonSerializerOptions options)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw JsonProblems.From(new JsonException(e.Message, e.Path, e.LineNumber, e.BytePositionInLine, e));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw ApiProblem.Validation("$", Messages.InvalidValue);
            }

            return [.. document.RootElement.EnumerateArray().Select((element, index) => Item(index, element.Clone(), options))];
        }
    }

    private static BatchItem Item(int index, JsonElement element, JsonSerializerOptions options)
    {
        try
        {
            var request = element.Deserialize<CreateReferralRequest>(options);
            return request is null
                ? new BatchItem(index, null, ApiProblem.Validation("$", Messages.Required), element)
                : new BatchItem(index, request, null, element);
        }
        catch (JsonException e)
        {
            return new BatchItem(index, null, JsonProblems.From(e), element);
        }
    }
}

/// <summary>One item of a batch: the create it asks for, or why it cannot be read; <see cref="Sent"/> is what the idempotency fingerprint covers.</summary>
internal sealed record BatchItem(int Index, CreateReferralRequest? Request, ApiProblem? Problem, object Sent);
