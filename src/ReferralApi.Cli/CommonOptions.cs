using System.CommandLine;

namespace ReferralApi.Cli;

/// <summary>Options several commands take; --json and --lang are recursive, so they may stand before or after the command name.</summary>
internal sealed class CommonOptions
{
    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Machine-readable output for scripts (JSON; problems as the API's problem+json).",
        Recursive = true,
    };

    public Option<string> Language { get; } = new("--lang")
    {
        Description = "Language of the API's messages and problems: en or id (Bahasa Indonesia).",
        DefaultValueFactory = _ => "en",
        Recursive = true,
    };

    /// <summary>Items asked per request by the listing commands; they always fetch every page.</summary>
    public Option<int> PageSize { get; } = new("--page-size")
    {
        Description = "Items per request while listing every page (1-200).",
        DefaultValueFactory = _ => 200,
    };

    public CommonOptions()
    {
        Language.AcceptOnlyFromAmong("en", "id");
        PageSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 200)
            {
                result.AddError("--page-size must be between 1 and 200.");
            }
        });
    }

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Json);
        root.Options.Add(Language);
    }
}
