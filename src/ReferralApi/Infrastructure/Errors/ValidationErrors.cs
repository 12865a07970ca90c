namespace ReferralApi.Infrastructure.Errors;

/// <summary>Collects every problem with a request body, keyed by JSON path (<c>$.subject.initials</c>).</summary>
internal sealed class ValidationErrors
{
    /// <summary>More than this many messages for one field say nothing new; the rest are dropped.</summary>
    public const int MaxMessagesPerField = 10;

    private readonly Dictionary<string, List<LocalizedText>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public ValidationErrors Add(string path, string messageKey, params object[] args)
    {
        if (!errors.TryGetValue(path, out var list))
        {
            errors[path] = list = [];
        }

        if (list.Count < MaxMessagesPerField)
        {
            list.Add(new LocalizedText(messageKey, args));
        }

        return this;
    }

    public ApiProblem ToProblem() => new(ProblemCodes.ValidationFailed) { Errors = errors };

    public void ThrowIfAny()
    {
        if (Any)
        {
            throw ToProblem();
        }
    }
}
