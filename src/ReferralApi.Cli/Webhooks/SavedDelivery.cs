namespace ReferralApi.Cli.Webhooks;

/// <summary>
/// A webhook delivery as saved for <c>referral webhook verify</c>: header lines (<c>name: value</c>;
/// only <c>webhook-id</c>, <c>webhook-timestamp</c> and <c>webhook-signature</c> matter, others and
/// an HTTP request line are ignored), one empty line, then the body exactly as received. This is
/// the layout of a raw HTTP request, so a capture from a proxy or <c>nc -l</c> works as is.
/// </summary>
internal sealed record SavedDelivery(string? Id, string? Timestamp, string? Signature, string Body)
{
    public static SavedDelivery Parse(string input)
    {
        var (head, body) = Split(input);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in head.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return new SavedDelivery(
            headers.GetValueOrDefault("webhook-id"),
            headers.GetValueOrDefault("webhook-timestamp"),
            headers.GetValueOrDefault("webhook-signature"),
            body);
    }

    /// <summary>Headers end at the first empty line (LF or CRLF); the body after it is kept byte for byte.</summary>
    private static (string Head, string Body) Split(string input)
    {
        var lf = input.IndexOf("\n\n", StringComparison.Ordinal);
        var crlf = input.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (crlf >= 0 && (lf < 0 || crlf < lf))
        {
            return (input[..crlf].Replace("\r", "", StringComparison.Ordinal), input[(crlf + 4)..]);
        }

        return lf >= 0 ? (input[..lf], input[(lf + 2)..]) : (input, string.Empty);
    }
}
