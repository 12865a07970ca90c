namespace ReferralApi.Infrastructure.Errors;

/// <summary>A message key with its arguments, rendered in the caller's language when the answer is written.</summary>
internal sealed record LocalizedText(string Key, params object[] Args)
{
    public string Render(Language language) => Messages.Format(Key, language, Args);
}
