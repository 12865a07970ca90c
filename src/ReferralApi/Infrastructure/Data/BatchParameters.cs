using System.Data;
using Dapper;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// Several statements as one PostgreSQL command: each statement's <c>$n</c> becomes the name
/// <c>@b{statement}_{n}</c>, unique in the command, and the statements are joined with <c>;</c> on
/// a line of its own (after a statement's closing line comment, a <c>;</c> on the same line would be
/// part of the comment).
/// Npgsql splits such a command at its semicolons and sends every statement in one round trip,
/// each prepared on its own once used often enough; PostgreSQL runs them in order and stops at
/// the first error. Each statement's arguments are added by Dapper as for the statement alone
/// (<see cref="PositionalParameters.AddArguments"/>), then named for their place.
/// </summary>
internal sealed partial class BatchParameters(IReadOnlyList<(PositionalStatement Statement, object? Args)> statements) : SqlMapper.IDynamicParameters
{
    /// <summary>The command text: the statements in order, each with its own parameter names.</summary>
    public static string TextOf(IReadOnlyList<PositionalStatement> statements) =>
        string.Join("\n;\n", statements.Select((statement, index) => Placeholder().Replace(statement.Text, m => "@" + NameOf(index, int.Parse(m.Groups[1].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture)))));

    /// <summary>
    /// Each statement's arguments, added by Dapper as for the statement alone, then renamed where
    /// they lie for their place in the batch; a member its statement does not use is dropped.
    /// Renamed in place, not taken off and added again: a parameter moved that way was found sent
    /// under its old name from the second run of the batch on a connection.
    /// </summary>
    void SqlMapper.IDynamicParameters.AddParameters(IDbCommand command, SqlMapper.Identity identity)
    {
        for (var index = 0; index < statements.Count; index++)
        {
            var (statement, args) = statements[index];
            var before = command.Parameters.Count;
            PositionalParameters.AddArguments(command, identity, args);
            var filled = new bool[statement.Names.Count];
            for (var at = command.Parameters.Count - 1; at >= before; at--)
            {
                var parameter = (IDataParameter)command.Parameters[at]!;
                if (statement.TryGetPosition(parameter.ParameterName, out var position) && !filled[position])
                {
                    parameter.ParameterName = NameOf(index, position + 1);
                    filled[position] = true;
                }
                else
                {
                    command.Parameters.RemoveAt(at);
                }
            }

            if (Array.IndexOf(filled, false) is var missing and >= 0)
            {
                throw new InvalidOperationException($"The statement uses @{statement.Names[missing]}, which its arguments do not hold.");
            }
        }
    }

    private static string NameOf(int statement, int number) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"b{statement}_{number}");

    // PostgresDialect.Combine refuses a statement holding a $ of its own, quoted or not, so every $ in a rewritten one is a placeholder.
    [System.Text.RegularExpressions.GeneratedRegex(@"\$([0-9]+)")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();
}
