namespace ReferralApi.Infrastructure.Demo;

/// <summary>The demo data of <c>scripts/run.sh</c>; off unless asked for.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Create the demo agencies of West Kalimantan (once) and print their keys.</summary>
    public bool Seed { get; set; }

    /// <summary>Where the demo keys are kept (owner-only) so a second start can print them again.</summary>
    public string KeysFile { get; set; } = "demo-keys.txt";
}
