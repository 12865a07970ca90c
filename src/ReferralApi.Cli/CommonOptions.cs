using System.CommandLine;

namespace ReferralApi.Cli;

/// <summary>Options every command takes (recursive, so they may stand before or after the command name).</summary>
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

    public CommonOptions() => Language.AcceptOnlyFromAmong("en", "id");

    public void AddTo(RootCommand root)
    {
        root.Options.Add(Json);
        root.Options.Add(Language);
    }
}
