namespace ReferralApi.Infrastructure.Errors;

/// <summary>
/// An expected failure that ends the request with a problem+json answer. Handlers throw it; the
/// exception handler renders it in the caller's language.
/// </summary>
internal sealed class ApiProblem : Exception
{
    public ApiProblem(string code, LocalizedText? detail = null)
        : base(code)
    {
        Code = code;
        Detail = detail;
    }

    public string Code { get; }

    public int Status => ProblemCatalog.Entries[Code].Status;

    public LocalizedText? Detail { get; }

    public IReadOnlyDictionary<string, List<LocalizedText>>? Errors { get; init; }

    public IReadOnlyDictionary<string, object?> Extensions { get; init; } = new Dictionary<string, object?>();

    public TimeSpan? RetryAfter { get; init; }

    /// <summary>A 416's <c>Content-Range: bytes */&lt;size&gt;</c>, which tells the client the file's size.</summary>
    public string? ContentRange { get; init; }

    public static ApiProblem NotFound() => new(ProblemCodes.NotFound, new LocalizedText(Messages.NotFoundDetail));

    public static ApiProblem Validation(string path, string messageKey, params object[] args) =>
        new ValidationErrors().Add(path, messageKey, args).ToProblem();
}
