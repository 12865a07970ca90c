using System.Collections;
using System.Collections.Concurrent;
using System.Data;
using Dapper;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// A statement's arguments, added by Dapper exactly as it adds them for named parameters (its type
/// handlers, its arrays for Npgsql), then put in the order of the statement's <c>$n</c> and left
/// unnamed, which is how Npgsql knows to send the text without parsing it.
/// </summary>
internal sealed class PositionalParameters(PositionalStatement statement, object? args) : SqlMapper.IDynamicParameters
{
    /// <summary>
    /// Dapper's parameter writer for each type of arguments. The statement has no @names left for
    /// Dapper to look for, so the writer adds every member; those the statement does not use are
    /// dropped below. Nothing else of the statement goes into the writer (no <c>{=literal}</c>
    /// tokens reach here: <see cref="PositionalStatement"/> leaves such text alone).
    /// </summary>
    private static readonly ConcurrentDictionary<Type, Action<IDbCommand, object>> Writers = new();

    void SqlMapper.IDynamicParameters.AddParameters(IDbCommand command, SqlMapper.Identity identity) =>
        AddInOrder(statement, args, command, identity, command.Parameters);

    /// <summary>
    /// <paramref name="args"/> added by Dapper to <paramref name="scratch"/>, then moved to
    /// <paramref name="target"/> unnamed, in the order of the statement's <c>$n</c> (the target
    /// may be the scratch command's own collection). A member the statement does not use is dropped.
    /// </summary>
    internal static void AddInOrder(PositionalStatement statement, object? args, IDbCommand scratch, SqlMapper.Identity identity, IList target)
    {
        AddArguments(scratch, identity, args);

        var ordered = new IDataParameter[statement.Names.Count];
        foreach (IDataParameter parameter in scratch.Parameters)
        {
            if (statement.TryGetPosition(parameter.ParameterName, out var position))
            {
                ordered[position] = parameter;
            }
        }

        // Cleared, not removed one by one: Clear detaches every parameter and empties the name
        // lookup, so a parameter can join another collection, and the scratch command keeps no
        // stale name for the next statement. The batch's collections are positional and never
        // look a name up.
        scratch.Parameters.Clear();
        for (var position = 0; position < ordered.Length; position++)
        {
            var parameter = ordered[position]
                ?? throw new InvalidOperationException($"The statement uses @{statement.Names[position]}, which its arguments do not hold.");
            parameter.ParameterName = string.Empty;
            target.Add(parameter);
        }
    }

    /// <summary>Every member of <paramref name="args"/> added to <paramref name="command"/> as a named parameter, the way Dapper adds it.</summary>
    private static void AddArguments(IDbCommand command, SqlMapper.Identity identity, object? args)
    {
        switch (args)
        {
            case DynamicParameters named:
                named.RemoveUnused = false;
                ((SqlMapper.IDynamicParameters)named).AddParameters(command, identity);
                break;
            case not null:
                Writers.GetOrAdd(args.GetType(), static (type, identity) => SqlMapper.CreateParamInfoGenerator(identity.ForDynamicParameters(type), false, false), identity)(command, args);
                break;
        }
    }
}
