using System.Data;
using Dapper;
using Npgsql;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// An identity for Dapper's parameter writers, for statements that Dapper itself does not send
/// (the batches of <see cref="PostgresDialect.Combine"/>). Only Dapper makes identities: this one is
/// taken from Dapper as it sets up a command on a connection that is never opened, and the
/// setup is stopped before anything could be sent. It names no statement of ours, so it serves
/// every type of arguments (<see cref="SqlMapper.Identity.ForDynamicParameters"/>).
/// </summary>
internal static class DapperIdentity
{
    public static SqlMapper.Identity Value { get; } = Capture();

    private static SqlMapper.Identity Capture()
    {
        var probe = new Probe();
        using var never = new NpgsqlConnection();
        try
        {
            never.Execute("-- Dapper identity for batched statements", probe);
        }
        catch (Captured)
        {
            // Expected: the probe stops the setup as soon as it holds the identity.
        }

        return probe.Identity ?? throw new InvalidOperationException("Dapper set up no parameters, so no identity was taken.");
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
