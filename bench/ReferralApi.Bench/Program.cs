using ReferralApi.Bench;

// batch:       batch benchmark: 500 single creates against one batch of 500, on one engine
// export:      batch benchmark: the export of a large box, its RSS rise and first byte
// run:         sync benchmark: measure one engine and append its figures to the results file
// report:      sync benchmark: print the table of every figure in the results file, with the 1M/10k ratios
// api:         request benchmark: measure one engine's API (and its replays on PostgreSQL)
// api-trivial: request benchmark: measure the trivial endpoint
// api-report:  request benchmark: print the table and write it as markdown
// attachments: attachment benchmark: 8 parallel 20 MiB uploads, then 8 downloads, on one engine
try
{
    var options = BenchOptions.Parse(args);
    switch (options.Command)
    {
        case "report":
            Report.Print(ResultFile.Read(options.ResultsFile));
            return 0;
        case "api-report":
            ApiReport.Write(ResultFile.Read(options.ResultsFile),
                File.Exists(options.StatementsFile) ? File.ReadAllLines(options.StatementsFile) : [], options.MarkdownFile, options.LoadBefore);
            return 0;
    }

    using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(options.TimeoutMinutes));
    await (options.Command switch
    {
        "run" => EngineRun.RunAsync(options, stop.Token),
        "batch" => BatchBench.RunAsync(options, stop.Token),
        "export" => ExportBench.RunAsync(options, stop.Token),
        "api" => ApiRun.RunAsync(options, stop.Token),
        "api-trivial" => ApiRun.RunTrivialAsync(options, stop.Token),
        "attachments" => AttachmentBench.RunAsync(options, stop.Token),
        _ => throw new BenchFailure($"unknown command {options.Command}"),
    });
    return 0;
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    // The caller wants the reason, not the call stack: one line names what failed.
    Console.Error.WriteLine($"benchmark failed: {Failure.Describe(e)}");
    return 1;
}
