using System.Text.Json;
using ReferralApi.Infrastructure.Json;

namespace ReferralApi.Infrastructure.Errors;

/// <summary>
/// A body the serializer refused, as a 400 naming the JSON path and what is wrong there: for a
/// request body, and for each item of a batch on its own.
/// </summary>
internal static class JsonProblems
{
    public static ApiProblem From(JsonException json)
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
}
