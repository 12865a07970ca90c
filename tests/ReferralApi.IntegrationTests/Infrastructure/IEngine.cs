namespace ReferralApi.IntegrationTests.Infrastructure;

/// <summary>
/// A type argument naming an engine, so a suite is written once as <c>XTests&lt;TEngine&gt;</c> and
/// bound to each engine by a one-line subclass (Dapper's <c>Tests&lt;TProvider&gt;</c> pattern).
/// </summary>
public interface IEngine
{
    /// <summary>The engine shared by the whole test run, so a container starts at most once.</summary>
    static abstract IDatabaseEngine Engine { get; }
}
