using System.Data;
using Dapper;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// Several statements as one PostgreSQL command: each statement's <c>$n</c> becomes the name
/// <c>@b{statement}_{n}</c>, unique in the command, and the statements are joined with <c>;</c>.
/// Npgsql splits such a command at its semicolons and sends every statement in one round trip,
/// each prepared on its own once used often enough; PostgreSQL runs them in order and stops at
/// the first error. Each statement's arguments are added by Dapper as for the statement alone
/// (<see cref="PositionalParameters.AddArguments"/>), then named for their place.
/// </summary>
internal sealed partial class BatchParameters(IReadOnlyList<(PositionalStatement Statement, object? Args)> statements) : SqlMapper.IDynamicParameters
{
    /// <summary>The command text: the statements in order, each with its own parameter names.</summary>
    public static string TextOf(IReadOnlyList<PositionalStatement> statements) =>
        string.Join(";\n", statements.Select((statement, index) => Placeholder().Replace(statement.Text, m => "@" + NameOf(index, int.Parse(m.Groups[1].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture)))));

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
            var used = 0;
            for (var at = command.Parameters.Count - 1; at >= before; at--)
            {
                var parameter = (IDataParameter)command.Parameters[at]!;
                if (statement.TryGetPosition(parameter.ParameterName, out var position))
                {
                    parameter.ParameterName = NameOf(index, position + 1);
                    used++;
                }
                else
                {
                    command.Parameters.RemoveAt(at);
                }
            }

            if (used != statement.Names.Count)
            {
                throw new InvalidOperationException($"A statement of the batch uses {statement.Names.Count} parameters; its arguments hold {used} of them.");
            }
        }
    }

    private static string NameOf(int statement, int number) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"b{statement}_{number}");

    // PositionalStatement refuses a statement holding a $ of its own, so every $ in a rewritten one is a placeholder.
    [System.Text.RegularExpressions.GeneratedRegex(@"\$([0-9]+)")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();
}
