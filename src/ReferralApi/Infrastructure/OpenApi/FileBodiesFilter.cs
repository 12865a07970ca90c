using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ReferralApi.Infrastructure.OpenApi;

/// <summary>
/// Documents the routes whose bodies are files, which the handlers stream themselves: the upload's
/// raw and multipart bodies, and the download's binary answers with their headers (ETag,
/// Accept-Ranges, Content-Disposition, Content-Range) and the Range and If-Range it honours.
/// </summary>
internal sealed class FileBodiesFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<FileUploadMetadata>().FirstOrDefault() is { } upload)
        {
            operation.RequestBody = UploadBody(upload.MediaTypes, upload.MaxBytes);
            foreach (var kind in operation.Parameters?.OfType<OpenApiParameter>().Where(p => p.Name == "kind") ?? [])
            {
                kind.Required = true;
            }
        }

        if (metadata.OfType<FileDownloadMetadata>().FirstOrDefault() is { } download)
        {
            DescribeDownload(operation, download);
        }
    }

    /// <summary>The smallest PDF a reader opens: one empty page.</summary>
    private const string ExamplePdf = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

    private static OpenApiRequestBody UploadBody(IReadOnlyList<string> mediaTypes, long maxBytes)
    {
        var content = mediaTypes.ToDictionary(type => type, _ => new OpenApiMediaType { Schema = Binary("The file itself.", maxBytes) });
        foreach (var (type, media) in content)
        {
            // Binary bodies have no JSON form: each example shows the leading bytes the type is told by.
            media.Example = JsonValue.Create(type switch
            {
                "image/jpeg" => "\u00FF\u00D8\u00FF\u00E0 ... JFIF ...",
                "image/png" => "\u0089PNG ... IHDR ...",
                _ => ExamplePdf,
            });
        }

        content["application/octet-stream"] = new OpenApiMediaType { Schema = Binary("The file, its type told by its leading bytes.", maxBytes), Example = JsonValue.Create(ExamplePdf) };
        content["multipart/form-data"] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { "file" },
                Properties = new Dictionary<string, IOpenApiSchema> { ["file"] = Binary("The one file part; its filename is the attachment's fileName unless the query gives one.", maxBytes) },
            },
            Example = new JsonObject { ["file"] = ExamplePdf },
            Encoding = new Dictionary<string, OpenApiEncoding> { ["file"] = new() { ContentType = string.Join(", ", mediaTypes) + ", application/octet-stream" } },
        };
        return new OpenApiRequestBody
        {
            Required = true,
            Description = "The file: raw with its own Content-Type, or as multipart/form-data with one file part.",
            Content = content,
        };
    }

    private static void DescribeDownload(OpenApiOperation operation, FileDownloadMetadata download)
    {
        operation.Parameters ??= [];
        if (!download.HeadersOnly)
        {
            operation.Parameters.Add(Parameter("Range", "One byte range, e.g. bytes=0-1023, bytes=1024- or bytes=-500; answered 206. Several ranges get the whole file.", 100));
            operation.Parameters.Add(Parameter("If-Range", "The ETag last read: the range is sent only if the file is still that one, otherwise the whole file.", 70));
        }

        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse concrete || status is not ("200" or "206" or "416"))
            {
                continue;
            }

            var headers = concrete.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
            if (status == "416")
            {
                headers["Content-Range"] = Header("bytes */<size>: the file's size.", "^bytes \\*/[0-9]+$", true);
                continue;
            }

            if (download.HeadersOnly)
            {
                // A HEAD answer has no body; its Content-Type and Content-Length are those of the file.
                concrete.Description = "The whole file's headers, without its bytes.";
                concrete.Content = null;
                headers["Content-Length"] = Header("The file's size in bytes.", "^[0-9]+$", true);
                headers["Content-Type"] = Header("The file's type: " + string.Join(", ", download.MediaTypes) + ".", "^(application|image)/", true);
            }
            else
            {
                concrete.Description = status == "200" ? "The whole file." : "The range asked for.";
                concrete.Content = download.MediaTypes.ToDictionary(type => type, _ => new OpenApiMediaType { Schema = Binary("The file's bytes.", download.MaxBytes) });
            }

            headers["ETag"] = Header("The SHA-256 of the whole file in lowercase hex, as a strong entity tag.", "^\"[0-9a-f]{64}\"$", true);
            headers["Accept-Ranges"] = Header("bytes: a Range may be asked.", "^bytes$", true);
            headers["Content-Disposition"] = Header("attachment, with the file's name as filename*.", "^attachment", true);
            if (status == "206")
            {
                headers["Content-Range"] = Header("bytes <first>-<last>/<size>.", "^bytes [0-9]+-[0-9]+/[0-9]+$", true);
            }
        }
    }

    private static OpenApiSchema Binary(string description, long maxBytes) =>
        new() { Type = JsonSchemaType.String, Format = "binary", Description = description, MaxLength = (int)Math.Min(maxBytes, int.MaxValue) };

    private static OpenApiHeader Header(string description, string pattern, bool required) =>
        new() { Description = description, Required = required, Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = pattern, MaxLength = 1000 } };

    private static OpenApiParameter Parameter(string name, string description, int maxLength) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = false,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = maxLength },
    };
}
