using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using ReferralApi.Infrastructure.Http;
using ReferralApi.Infrastructure.OpenApi;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Attachments;

internal static partial class AttachmentEndpoints
{
    /// <summary>What a multipart body may add around its file (boundaries, part headers, small fields).</summary>
    public const long MultipartAllowance = 64 * 1024;

    public static WebApplicationBuilder AddAttachments(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AttachmentOptions>().BindConfiguration(AttachmentOptions.SectionName)
            .Validate(o => o.MaxFileBytes > 0 && o.MaxFilesPerReferral > 0 && o.MaxBytesPerReferral >= o.MaxFileBytes, "Attachment limits must be positive, and a referral's total at least one file.")
            .Validate(o => o.AbandonedAfter > TimeSpan.Zero, "Attachments:AbandonedAfter must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AttachmentOptions>, AttachmentStoreValidation>();
        builder.Services.AddSingleton<ChunkCipher>();
        builder.Services.AddScoped<AttachmentStore>();
        builder.Services.AddScoped<DatabaseChunkStore>();
        builder.Services.AddSingleton<ChunkFolder>();
        builder.Services.AddSingleton<ChunkSweeper>();
        builder.Services.AddScoped<FileSystemChunkStore>();
        builder.Services.AddScoped<IAttachmentChunkStore>(services =>
            services.GetRequiredService<IOptions<AttachmentOptions>>().Value.Store == AttachmentOptions.FileSystemStore
                ? services.GetRequiredService<FileSystemChunkStore>()
                : services.GetRequiredService<DatabaseChunkStore>());
        builder.Services.AddScoped<AttachmentServices>();
        builder.Services.AddScoped<AttachmentCleanup>();
        builder.Services.AddSingleton<ChunkReEncryption>();

        // The upload alone may carry more than the 256 KiB every other body is held to.
        builder.Services.AddSingleton(services => new LargeBodyRoute(
            request => HttpMethods.IsPost(request.Method) && UploadPath().IsMatch(request.Path.Value ?? string.Empty),
            services.GetRequiredService<IOptions<AttachmentOptions>>().Value.MaxFileBytes + MultipartAllowance));
        return builder;
    }

    public static IEndpointRouteBuilder MapAttachments(this IEndpointRouteBuilder app)
    {
        var maxBytes = app.ServiceProvider.GetRequiredService<IOptions<AttachmentOptions>>().Value.MaxFileBytes;
        var group = app.MapGroup("/v1/referrals/{id:guid}/attachments").WithTags("Attachments").RequireAuthorization(Policies.Agency);
        group.MapPost("/", UploadAttachment.Handle).WithName("UploadAttachment")
            .WithSummary("Attach a document (PDF, JPEG or PNG) to an open referral; either party.")
            .WithDescription("The body is the file with its own Content-Type, or multipart/form-data with one file part whose filename is the fileName. "
                + "The type is told by the file's leading bytes (415 file-type-not-accepted otherwise, or when the declared type differs). "
                + "At most Attachments:MaxFileBytes (20 MiB) per file (413 file-too-large), 50 files and 200 MiB per referral (422 limit-reached). "
                + "The file shows in the list only once stored whole.")
            .AcceptsFile(FileSignatures.Accepted, maxBytes)
            .AcceptsIdempotencyKey()
            .ProducesProblems(400, 403, 404, 409, 413, 415, 422);
        group.MapGet("/", ManageAttachments.List).WithName("ListAttachments")
            .WithSummary("The referral's attachments, oldest first, deleted ones as tombstones. Before acceptance the receiver gets no fileName.")
            .ProducesProblems(403, 404);
        group.MapGet("/{attachmentId:guid}", DownloadAttachment.Handle).WithName("DownloadAttachment")
            .WithSummary("Download an attachment's bytes; the sender always, the receiver only while it holds an accepted referral.")
            .WithDescription("Content-Disposition: attachment; ETag is the SHA-256 of the file; one byte range may be asked with Range (206), "
                + "with If-Range. The receiver before acceptance, or after a decline or a cancellation (a withdrawal of consent cancels), gets 403 not-yet-accepted.")
            .SendsFile(FileSignatures.Accepted, maxBytes)
            .ProducesProblems(403, 404, 410, 416);
        group.MapMethods("/{attachmentId:guid}", [HttpMethods.Head], DownloadAttachment.Head).WithName("HeadAttachment")
            .WithSummary("An attachment's download headers without its bytes: size, type, ETag and file name.")
            .WithDescription("The headers GET would send for the whole file (Content-Length, Content-Type, ETag, Accept-Ranges, Content-Disposition) and no body, "
                + "to the same parties and with the same refusals; a Range is ignored. Recorded in the access log as a read of the attachment list.")
            .SendsFileHeaders(FileSignatures.Accepted, maxBytes)
            .ProducesProblems(403, 404, 410);
        group.MapDelete("/{attachmentId:guid}", ManageAttachments.Delete).WithName("DeleteAttachment")
            .WithSummary("The uploader deletes its attachment while the referral is open; a tombstone stays in the list.")
            .ProducesProblems(403, 404, 409);
        return app;
    }

    [GeneratedRegex("^/v1/referrals/[^/]+/attachments/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UploadPath();
}
