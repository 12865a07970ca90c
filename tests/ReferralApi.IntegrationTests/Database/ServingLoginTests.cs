using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.SqlClient;
using Npgsql;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Database;

/// <summary>
/// The access log is append-only only against a login that cannot alter it. In Production the API
/// refuses to serve with such a login; it serves with one limited to data, migrating with
/// <c>ConnectionStrings:Migrations</c>. SQLite has no logins, so these run on the server engines.
/// </summary>
public abstract class ServingLoginTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    private const string Password = "Serving-login-1";

    [Fact]
    public async Task Production_RefusesToServe_WithALoginThatCanAlterTheAccessLog()
    {
        // The fixture's login created the database: it owns access_log.
        await using var host = new ApiFactory(fx.Database.Provider, fx.Database.ConnectionString, Production());

        var refused = Assert.ThrowsAny<Exception>(() => host.Services);

        Assert.Contains("access_log", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_ServesWithTheOwnersLogin_OnlyWhenExplicitlyAllowed()
    {
        var settings = Production();
        settings["Database:AllowPrivilegedLogin"] = "true";
        await using var host = new ApiFactory(fx.Database.Provider, fx.Database.ConnectionString, settings);
        using var client = host.CreateClient();

        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Http.Ct);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Production_Serves_WithALoginLimitedToData_MigratedByTheMigrationsLogin()
    {
        _ = fx.Database; // skips (or fails, when required) if the engine cannot run here
        await using var database = await TEngine.Engine.CreateDatabaseAsync(Http.Ct);
        var login = "referral_app_" + Guid.NewGuid().ToString("N")[..12];
        var serving = await CreateDataOnlyLoginAsync(database, login);
        try
        {
            var settings = Production();
            settings["ConnectionStrings:Migrations"] = database.ConnectionString;
            await using var host = new ApiFactory(database.Provider, serving, settings);
            using var admin = host.CreateClient();
            admin.DefaultRequestHeaders.Authorization = new("Bearer", host.AdminKey);

            using var ready = await admin.GetAsync(new Uri("/health/ready", UriKind.Relative), Http.Ct);
            using var created = await admin.PostJsonAsync("/v1/agencies", new JsonObject
            {
                ["code"] = "SERVING-" + login[^12..].ToUpperInvariant(),
                ["name"] = "Serving login check",
                ["sector"] = "women_child_protection",
                ["regionCode"] = "61",
                ["roles"] = new JsonArray("agency"),
            });

            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            await created.ExpectAsync(HttpStatusCode.Created);
        }
        finally
        {
            await DropLoginAsync(database, login);
        }
    }

    private static Dictionary<string, string?> Production() => new()
    {
        ["environment"] = "Production",
        ["Encryption:Keys:0:Id"] = "test",
        ["Encryption:Keys:0:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    /// <summary>A login that may read and write every table the migrations create, and nothing else; returns its connection string.</summary>
    private static async Task<string> CreateDataOnlyLoginAsync(EngineDatabase database, string login)
    {
        await using var owner = database.CreateConnection();
        if (database.Provider == "postgres")
        {
            // Default privileges reach the tables the owner's migrations create later.
            await owner.ExecuteAsync($"""
                CREATE ROLE {login} LOGIN PASSWORD '{Password}';
                ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {login};
                ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {login};
                """);
            return new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = login, Password = Password }.ConnectionString;
        }

        await owner.ExecuteAsync($"""
            CREATE LOGIN [{login}] WITH PASSWORD = N'{Password}', CHECK_POLICY = OFF;
            CREATE USER [{login}] FOR LOGIN [{login}];
            ALTER ROLE db_datareader ADD MEMBER [{login}];
            ALTER ROLE db_datawriter ADD MEMBER [{login}];
            """);
        return new SqlConnectionStringBuilder(database.ConnectionString) { UserID = login, Password = Password, IntegratedSecurity = false }.ConnectionString;
    }

    private static async Task DropLoginAsync(EngineDatabase database, string login)
    {
        await using var owner = database.CreateConnection();
        if (database.Provider == "postgres")
        {
            NpgsqlConnection.ClearAllPools();
            await owner.ExecuteAsync($"DROP OWNED BY {login}; DROP ROLE {login};");
            return;
        }

        SqlConnection.ClearAllPools();
        await owner.ExecuteAsync($"DROP USER [{login}]; DROP LOGIN [{login}];");
    }
}

public sealed class ServingLoginTests_Postgres(ApiFixture<Postgres> fx) : ServingLoginTests<Postgres>(fx);

public sealed class ServingLoginTests_SqlServer(ApiFixture<SqlServer> fx) : ServingLoginTests<SqlServer>(fx);
