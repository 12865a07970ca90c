using ReferralApi.Bench;

// run:    measure one engine and append its figures to the results file
// report: print the table of every figure in the results file, with the 1M/10k ratios
try
{
    var options = BenchOptions.Parse(args);
    if (options.Command == "report")
    {
        Report.Print(ResultFile.Read(options.ResultsFile));
        return 0;
    }

    using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(options.TimeoutMinutes));
    await EngineRun.RunAsync(options, stop.Token);
    return 0;
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    // The caller wants the reason, not the call stack: one line names what failed.
    Console.Error.WriteLine($"benchmark failed: {Failure.Describe(e)}");
    return 1;
}
