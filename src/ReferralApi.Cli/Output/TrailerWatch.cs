using System.Text;

namespace ReferralApi.Cli.Output;

/// <summary>
/// Passes an export through to the real output unchanged and keeps its last line, so the command
/// can tell an NDJSON export that ended with its trailer (<c>{"nextUpdatedAfter": ...}</c>) from one cut short.
/// </summary>
internal sealed class TrailerWatch(TextWriter inner) : TextWriter
{
    private readonly StringBuilder line = new();
    private string lastLine = string.Empty;

    public override Encoding Encoding => inner.Encoding;

    public bool EndsWithTrailer => (line.Length == 0 ? lastLine : line.ToString()).Contains("\"nextUpdatedAfter\"", StringComparison.Ordinal);

    public override void Write(char value)
    {
        inner.Write(value);
        Watch(value);
    }

    public override async Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        await inner.WriteAsync(buffer, cancellationToken);
        foreach (var c in buffer.Span)
        {
            Watch(c);
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    private void Watch(char c)
    {
        if (c == '\n')
        {
            if (line.Length > 0)
            {
                lastLine = line.ToString();
            }

            line.Clear();
        }
        else if (line.Length < 4096)
        {
            line.Append(c);
        }
    }
}
