using ReferralApi.Infrastructure.Data;

namespace ReferralApi.UnitTests.Data;

/// <summary>Which SQL Server errors re-run a whole unit of work: those after which re-running is both safe and useful.</summary>
public sealed class SqlServerRetryTests
{
    [Theory]
    [InlineData(1205)] // deadlock victim
    [InlineData(10928)] // Azure SQL: resource limit reached
    [InlineData(10929)] // Azure SQL: minimum guarantee not available
    [InlineData(40143)] // Azure SQL: the service is processing the request
    [InlineData(40197)] // Azure SQL: failover
    [InlineData(40501)] // Azure SQL: service busy
    [InlineData(40540)] // Azure SQL: the service has encountered an error
    [InlineData(40613)] // Azure SQL: database not currently available
    [InlineData(42108)] // Azure SQL: cannot connect to the SQL pool
    [InlineData(42109)] // Azure SQL: the SQL pool is warming up
    public void Retries_DeadlocksAndThrottling(int number)
    {
        Assert.Contains(number, SqlServerDialect.TransientNumbers);
    }

    [Theory]
    [InlineData(-2)] // client command timeout: the statement (or the COMMIT) may have finished
    [InlineData(1222)] // lock request timeout: only with SET LOCK_TIMEOUT, which nothing sets
    [InlineData(2627)] // unique constraint: the same again fails the same way
    [InlineData(547)] // foreign key: likewise
    public void DoesNotRetry_TimeoutsOrLogicalErrors(int number)
    {
        Assert.DoesNotContain(number, SqlServerDialect.TransientNumbers);
    }
}
