using ReferralApi.Bench;

// run:    measure one engine and append its figures to the results file
// report: print the table of every figure in the results file, with the 1M/10k ratios
var options = BenchOptions.Parse(args);
if (options.Command == "report")
{
    Report.Print(ResultFile.Read(options.ResultsFile));
    return 0;
}

using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(options.TimeoutMinutes));
await EngineRun.RunAsync(options, stop.Token);
return 0;
