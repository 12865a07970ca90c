using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using ReferralApi.Infrastructure.Resilience;

namespace ReferralApi.Infrastructure.Data;

internal static class DatabaseSetup
{
    public const string ConnectionStringName = "Referrals";

    /// <summary>The login migrations run with, when it differs from the serving one (it should in Production).</summary>
    public const string MigrationsConnectionStringName = "Migrations";

    /// <summary>The first argument that makes the process apply the migrations and exit, instead of serving.</summary>
    public const string MigrateCommand = "migrate";
    private const string DefaultSqlite = "Data Source=referrals.db";

    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .Validate(o => TryParse(o.Provider, out _), "Database:Provider must be sqlite, postgres or sqlserver.")
            .ValidateOnStart();

        var options = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (!TryParse(options.Provider, out var provider))
        {
            throw new OptionsValidationException(DatabaseOptions.SectionName, typeof(DatabaseOptions), ["Database:Provider must be sqlite, postgres or sqlserver."]);
        }

        var connectionString = Normalize(provider, builder.Configuration.GetConnectionString(ConnectionStringName) ?? DefaultSqlite);
        var dialect = SqlDialect.For(provider);
        DapperTypeHandlers.Register();

        builder.Services.AddSingleton(dialect);
        builder.Services.AddSingleton<DbDataSource>(_ => provider switch
        {
            // Named, so the pool's metrics are labelled "referrals" rather than with the connection string.
            DatabaseProvider.Postgres => new NpgsqlDataSourceBuilder(PostgresServingConnection.Apply(connectionString)) { Name = "referrals" }.Build(),
            DatabaseProvider.SqlServer => SqlClientFactory.Instance.CreateDataSource(connectionString),
            _ => new SqliteServingSource(connectionString),
        });
        var retry = DatabaseRetry.Create(dialect);
        builder.Services.AddScoped(sp => new UnitOfWork(sp.GetRequiredService<DbDataSource>(), dialect, retry));
        var migrationsConnectionString = builder.Configuration.GetConnectionString(MigrationsConnectionStringName) is { Length: > 0 } migrations
            ? Normalize(provider, migrations)
            : connectionString;
        builder.Services.AddSingleton(sp => new MigrationRunner(dialect, migrationsConnectionString, sp.GetRequiredService<ILogger<MigrationRunner>>()));
        builder.Services.AddHostedService<ServingLoginCheck>();
        if (provider == DatabaseProvider.Postgres)
        {
            // Only PostgreSQL tells every instance of a key change; elsewhere the key cache stays dark.
            builder.Services.AddSingleton(PostgresKeyChangeListener.SessionFor(connectionString));
            builder.Services.AddHostedService<PostgresKeyChangeListener>();
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            builder.Services.AddHostedService(sp =>
                ActivatorUtilities.CreateInstance<SqliteCheckpointer>(sp, (SqliteServingSource)sp.GetRequiredService<DbDataSource>()));
        }

        return builder;
    }

    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        // Options are otherwise validated only when the host starts, after the migrations: a start
        // that is going to be refused (no encryption keys in Production) must not change the schema.
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        if (app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart)
        {
            await app.Services.GetRequiredService<MigrationRunner>().RunAsync(app.Lifetime.ApplicationStopping);
        }
    }

    /// <summary>True when the process was started as <c>ReferralApi migrate</c> rather than as the API.</summary>
    public static bool IsMigrateCommand(string[] args) => args.Contains(MigrateCommand, StringComparer.Ordinal);

    /// <summary>Applies the migrations whatever <c>Database:MigrateOnStart</c> says; a failure ends the process with an error.</summary>
    public static Task RunMigrateCommandAsync(this WebApplication app) =>
        app.Services.GetRequiredService<MigrationRunner>().RunAsync(app.Lifetime.ApplicationStopping);

    public static bool TryParse(string? name, out DatabaseProvider provider)
    {
        provider = name?.ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" => DatabaseProvider.Postgres,
            "sqlserver" or "mssql" => DatabaseProvider.SqlServer,
            _ => (DatabaseProvider)(-1),
        };
        return Enum.IsDefined(provider);
    }

    /// <summary>SQLite enforces foreign keys only when asked, per connection.</summary>
    private static string Normalize(DatabaseProvider provider, string connectionString)
    {
        if (provider != DatabaseProvider.Sqlite)
        {
            return connectionString;
        }

        return new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true, Pooling = true }.ToString();
    }
}
