namespace ReferralApi.Bench;

/// <summary>Why a run failed, in one line a reader can act on.</summary>
internal static class Failure
{
    public static string Describe(Exception e) => e switch
    {
        BenchFailure => e.Message,
        HttpRequestException { StatusCode: { } status } =>
            $"the API answered {(int)status} {status} ({e.Message}); its limits or settings do not fit the benchmark",
        HttpRequestException => $"the API could not be reached: {e.Message}",
        OperationCanceledException => "the run took longer than its time limit (--timeout-minutes)",
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
