using Microsoft.Extensions.Options;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// The access log is append-only only against a login that cannot change the table itself: one
/// that may ALTER it (SQL Server) or owns it (PostgreSQL) can disable its triggers or truncate it.
/// At start-up the serving login is asked what it may do; in Production the API refuses to serve
/// with such a login (unless <c>Database:AllowPrivilegedLogin</c>), elsewhere (laptops, tests, where
/// one login does everything) it warns.
/// SQLite has no logins: whoever can write the file can change anything, so there is nothing to ask.
/// </summary>
internal sealed partial class ServingLoginCheck(IServiceScopeFactory scopes, SqlDialect dialect, IOptions<DatabaseOptions> options, IHostEnvironment environment, ILogger<ServingLoginCheck> logger) : IHostedService
{
    // NULL (so 0) when the table does not exist yet: nothing to protect, nothing to refuse.
    public const string SqlServerCanAlterAccessLog = "SELECT CAST(COALESCE(HAS_PERMS_BY_NAME(N'access_log', N'OBJECT', N'ALTER'), 0) AS BIT)";

    // A superuser, or a member of the owning role (who may SET ROLE to it), can disable the triggers.
    public const string PostgresCanAlterAccessLog = """
        SELECT COALESCE(bool_or(r.rolsuper OR pg_has_role(current_user, c.relowner, 'MEMBER')), false)
        FROM pg_class c CROSS JOIN pg_roles r
        WHERE c.oid = to_regclass('access_log') AND r.rolname = current_user
        """;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var sql = dialect.Provider switch
        {
            DatabaseProvider.SqlServer => SqlServerCanAlterAccessLog,
            DatabaseProvider.Postgres => PostgresCanAlterAccessLog,
            _ => null,
        };
        if (sql is null)
        {
            return;
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            if (!await scope.ServiceProvider.GetRequiredService<UnitOfWork>().ExecuteScalarAsync<bool>(sql, null, cancellationToken))
            {
                return;
            }
        }

        if (environment.IsProduction() && !options.Value.AllowPrivilegedLogin)
        {
            throw new InvalidOperationException(
                "The login of ConnectionStrings:Referrals can alter or owns access_log, so it could erase the access log. "
                + "Serve with a login that holds only SELECT, INSERT, UPDATE and DELETE, and migrate with ConnectionStrings:Migrations (see README, Production checklist).");
        }

        PrivilegedLogin(logger);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The login of ConnectionStrings:Referrals can alter or owns access_log; Production refuses to serve with such a login (see README, Production checklist)")]
    private static partial void PrivilegedLogin(ILogger logger);
}
