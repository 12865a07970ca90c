using System.Data;
using Dapper;
using Npgsql;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// An identity for Dapper's parameter writers, for statements that Dapper itself does not send
/// (the batches of <see cref="PostgresDialect.Combine"/>). Only Dapper makes identities: this one
/// is taken from Dapper as it sets up a command on a connection that is never opened. What it rests
/// on, in Dapper 2.1: Dapper adds a command's parameters before it opens a closed connection, so
/// the probe below stops the setup before any I/O; the setup leaves one entry in Dapper's query
/// cache, for the probe's text, which no statement of ours matches; and the writers built from the
/// identity (<see cref="SqlMapper.Identity.ForDynamicParameters"/>, one per type of arguments, all
/// members kept) read nothing of it but the type and the text's <c>{=literal}</c> tokens, of which
/// the probe's text has none. Should a later Dapper do otherwise, no identity is taken and batches
/// run one statement at a time (<see cref="Value"/> is null), as on the other engines.
/// </summary>
internal static class DapperIdentity
{
    public static SqlMapper.Identity? Value { get; } = Capture();

    private static SqlMapper.Identity? Capture()
    {
        var probe = new Probe();
        using var never = new NpgsqlConnection();
        try
        {
            never.Execute("-- Dapper identity for batched statements", probe);
        }
        catch (Exception)
        {
            // Expected: the probe stops the setup once it holds the identity. Any other failure leaves none.
        }

        return probe.Identity;
    }

    private sealed class Probe : SqlMapper.IDynamicParameters
    {
        public SqlMapper.Identity? Identity { get; private set; }

        public void AddParameters(IDbCommand command, SqlMapper.Identity identity)
        {
            Identity = identity;
            throw new Captured();
        }
    }

    private sealed class Captured : Exception;
}
