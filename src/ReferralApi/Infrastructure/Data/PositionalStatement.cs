namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// A statement's <c>@Name</c> placeholders written as PostgreSQL's own <c>$1</c>, <c>$2</c>, ...,
/// with the position of each name. Npgsql sends such a statement as it is, with its parameters in
/// order; with named parameters it parses the whole text on every run to do this same rewrite,
/// which was about a sixth of the bytes a status read allocated.
/// </summary>
internal sealed class PositionalStatement
{
    private readonly Dictionary<string, int> positions;

    private PositionalStatement(string text, Dictionary<string, int> positions, string[] names)
    {
        Text = text;
        this.positions = positions;
        Names = names;
    }

    /// <summary>The statement with <c>$n</c> in place of each name.</summary>
    public string Text { get; }

    /// <summary>The names, the one at index n-1 being <c>$n</c>; a name used twice has one position.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The zero-based position of a parameter name (without its <c>@</c>; case as Npgsql matches it, ignored).</summary>
    public bool TryGetPosition(string name, out int position) => positions.TryGetValue(name, out position);

    /// <summary>
    /// The statement with positions, or null when it has no <c>@</c> parameter, or holds something
    /// this reader does not follow: a <c>$</c> (dollar quoting, or positions already), an
    /// <c>E'...'</c> string with backslash escapes, a nested comment, a second statement after a
    /// <c>;</c>, which positional parameters would not let Npgsql split, or a Dapper
    /// <c>{=literal}</c>. Those keep their names.
    /// </summary>
    public static PositionalStatement? TryRewrite(string sql)
    {
        if (sql.Contains("{=", StringComparison.Ordinal))
        {
            return null;
        }

        var text = new System.Text.StringBuilder(sql.Length);
        var positions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            var next = i + 1 < sql.Length ? sql[i + 1] : '\0';
            int end;
            switch (c)
            {
                case '$':
                    return null;
                case '\'' when i > 0 && sql[i - 1] is 'E' or 'e' && (i < 2 || !IsNameChar(sql[i - 2])):
                    return null;
                case '\'' or '"':
                    end = sql.IndexOf(c, i + 1);
                    while (end >= 0 && end + 1 < sql.Length && sql[end + 1] == c)
                    {
                        end = sql.IndexOf(c, end + 2);
                    }

                    if (end < 0)
                    {
                        return null;
                    }

                    text.Append(sql, i, end + 1 - i);
                    i = end + 1;
                    continue;
                case '-' when next == '-':
                    end = sql.IndexOf('\n', i);
                    end = end < 0 ? sql.Length : end;
                    text.Append(sql, i, end - i);
                    i = end;
                    continue;
                case '/' when next == '*':
                    end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    if (end < 0 || sql.IndexOf("/*", i + 2, end - i - 2, StringComparison.Ordinal) >= 0)
                    {
                        return null;
                    }

                    text.Append(sql, i, end + 2 - i);
                    i = end + 2;
                    continue;
                case ';' when !sql.AsSpan(i + 1).IsWhiteSpace():
                    return null;
                case '@' when (char.IsAsciiLetter(next) || next == '_') && (i == 0 || !(IsNameChar(sql[i - 1]) || sql[i - 1] == '@')):
                    end = i + 1;
                    while (end < sql.Length && IsNameChar(sql[end]))
                    {
                        end++;
                    }

                    var name = sql[(i + 1)..end];
                    if (!positions.TryGetValue(name, out var position))
                    {
                        position = names.Count;
                        positions.Add(name, position);
                        names.Add(name);
                    }

                    text.Append('$').Append(position + 1);
                    i = end;
                    continue;
            }

            text.Append(c);
            i++;
        }

        return names.Count == 0 ? null : new PositionalStatement(text.ToString(), positions, [.. names]);
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
