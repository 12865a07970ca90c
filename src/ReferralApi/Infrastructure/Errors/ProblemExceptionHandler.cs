using System.Data.Common;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Json;

namespace ReferralApi.Infrastructure.Errors;

/// <summary>
/// The single place exceptions become answers. Expected problems keep their code; database
/// conflicts become 409 and transient faults 503 with <c>Retry-After</c>; anything else is a 500
/// whose log line names the exception type only, because messages can quote SQL or values.
/// </summary>
internal sealed partial class ProblemExceptionHandler(SqlDialect dialect, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.RequestAborted.IsCancellationRequested)
        {
            return true;
        }

        var problem = exception switch
        {
            ApiProblem api => api,
            BadHttpRequestException bad => FromBadRequest(bad),
            DbException db when dialect.IsTransient(db) => Unavailable(),
            DbException db when dialect.IsUniqueViolation(db) => new ApiProblem(ProblemCodes.Conflict),
            TimeoutException => Unavailable(),
            CommitOutcomeUnknownException => Unavailable(),
            _ => null,
        };

        if (problem is null)
        {
            Unexpected(logger, exception.GetType().FullName ?? "unknown", exception.StackTrace ?? string.Empty);
            problem = new ApiProblem(ProblemCodes.InternalError);
        }
        else if (problem.Status >= 500)
        {
            Transient(logger, exception.GetType().FullName ?? "unknown");
        }

        httpContext.Response.Clear();
        await ProblemWriter.WriteAsync(httpContext, problem);
        return true;
    }

    private static ApiProblem Unavailable() =>
        new(ProblemCodes.ServiceUnavailable, new LocalizedText(Messages.RetryLater, 1)) { RetryAfter = TimeSpan.FromSeconds(1) };

    private static ApiProblem FromBadRequest(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new ApiProblem(ProblemCodes.PayloadTooLarge);
        }

        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return new ApiProblem(ProblemCodes.UnsupportedMediaType);
        }

        if (bad.InnerException is JsonException json)
        {
            return FromJson(json);
        }

        // An absent body for a route that needs one.
        return ApiProblem.Validation("$", Messages.Required);
    }

    private static ApiProblem FromJson(JsonException json)
    {
        var path = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
        var message = json.Message;
        if (message.StartsWith(JsonErrorKinds.UnknownCode + ":", StringComparison.Ordinal))
        {
            var allowed = message[(JsonErrorKinds.UnknownCode.Length + 1)..].Split(" Path:")[0];
            return ApiProblem.Validation(path, Messages.UnknownCode, allowed);
        }

        if (message.StartsWith(JsonErrorKinds.Instant, StringComparison.Ordinal))
        {
            return ApiProblem.Validation(path, Messages.Instant);
        }

        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return ApiProblem.Validation(UnmappedPath(path, message), Messages.UnknownField);
        }

        // The reader's own exception inside means the text is not JSON at all; otherwise it is a wrong type.
        return json.InnerException is JsonException
            ? ApiProblem.Validation(path, Messages.MalformedJson)
            : ApiProblem.Validation(path, Messages.InvalidValue);
    }

    /// <summary>The serializer reports an unknown member at its parent; name the member itself.</summary>
    private static string UnmappedPath(string path, string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        if (end <= start + 1)
        {
            return path;
        }

        var member = message[(start + 1)..end];
        return path.EndsWith("." + member, StringComparison.Ordinal) || path.EndsWith("['" + member + "']", StringComparison.Ordinal)
            ? path
            : path + "." + member;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled {ExceptionType} at {StackTrace}")]
    private static partial void Unexpected(ILogger logger, string exceptionType, string stackTrace);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transient database fault {ExceptionType}")]
    private static partial void Transient(ILogger logger, string exceptionType);
}
