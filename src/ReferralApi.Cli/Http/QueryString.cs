namespace ReferralApi.Cli.Http;

/// <summary>An immutable query string that leaves out parameters without a value.</summary>
internal readonly record struct QueryString(string Value)
{
    public static QueryString Empty { get; } = new(string.Empty);

    public QueryString With(string name, string? value) =>
        string.IsNullOrEmpty(value)
            ? this
            : new QueryString($"{(string.IsNullOrEmpty(Value) ? "?" : Value + "&")}{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}");

    public static string operator +(string path, QueryString query) => path + query.Value;

    public override string ToString() => Value;
}
