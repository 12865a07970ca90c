using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using ReferralApi.Infrastructure.Errors;

namespace ReferralApi.Features.Attachments;

/// <summary>
/// Where an upload's bytes are: the raw body with its own Content-Type, or the one file part of a
/// <c>multipart/form-data</c> body (browsers), read as a stream either way, never buffered whole.
/// </summary>
internal sealed class UploadBody
{
    private readonly MultipartReader? form;

    private UploadBody(Stream content, string? contentType, string? partFileName, MultipartReader? form)
    {
        Content = content;
        ContentType = contentType;
        PartFileName = partFileName;
        this.form = form;
    }

    public Stream Content { get; }

    /// <summary>The declared media type, without parameters; null when none was declared.</summary>
    public string? ContentType { get; }

    /// <summary>The file part's filename in a multipart body.</summary>
    public string? PartFileName { get; }

    public static async Task<UploadBody> OpenAsync(HttpRequest request, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return new UploadBody(request.Body, FileSignatures.Plain(request.ContentType), null, null);
        }

        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw ApiProblem.Validation("Content-Type", Messages.OneFilePart);
        }

        var reader = new MultipartReader(boundary, request.Body);
        while (await NextSectionAsync(reader, ct) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
            {
                var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                return new UploadBody(section.Body, FileSignatures.Plain(section.ContentType), name, reader);
            }

            // A plain form field: read past it; kind and fileName belong in the query.
            await section.Body.CopyToAsync(Stream.Null, ct);
        }

        throw ApiProblem.Validation("file", Messages.OneFilePart);
    }

    /// <summary>After the file: a multipart body must hold no second file.</summary>
    public async Task EnsureNoOtherFileAsync(CancellationToken ct)
    {
        if (form is null)
        {
            return;
        }

        while (await NextSectionAsync(form, ct) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
            {
                throw ApiProblem.Validation("file", Messages.OneFilePart);
            }

            await section.Body.CopyToAsync(Stream.Null, ct);
        }
    }

    /// <summary>A malformed multipart body is the client's error, named as such.</summary>
    private static async Task<MultipartSection?> NextSectionAsync(MultipartReader reader, CancellationToken ct)
    {
        try
        {
            return await reader.ReadNextSectionAsync(ct);
        }
        catch (InvalidDataException)
        {
            throw ApiProblem.Validation("Content-Type", Messages.OneFilePart);
        }
    }
}
