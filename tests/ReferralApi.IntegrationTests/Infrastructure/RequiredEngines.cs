namespace ReferralApi.IntegrationTests.Infrastructure;

/// <summary>
/// <c>REFERRAL_REQUIRE_DATABASES=sqlite,postgres</c> turns an unavailable engine from a skip into a
/// failure, so CI cannot go green while silently testing fewer engines than it promises.
/// </summary>
public static class RequiredEngines
{
    public const string Variable = "REFERRAL_REQUIRE_DATABASES";

    private static readonly HashSet<string> Names = new(
        (Environment.GetEnvironmentVariable(Variable) ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        StringComparer.OrdinalIgnoreCase);

    public static bool Contains(string engine) => Names.Contains(engine);
}
