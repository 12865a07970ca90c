using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Privacy;

namespace ReferralApi.IntegrationTests.Attachments;

/// <summary>
/// A host keeping attachments with <c>Attachments:Store = filesystem</c> in a folder of its own,
/// on a clock the tests move, with the cleanup pass run by the tests themselves.
/// </summary>
public sealed class FileSystemStoreFixture<TEngine> : RetentionFixture<TEngine>
    where TEngine : IEngine
{
    public ChunkFiles Files { get; } = new(Path.Combine(Path.GetTempPath(), "referral-attachments-" + Guid.NewGuid().ToString("N")));

    /// <summary>The settings any other host on this database needs to read the same files.</summary>
    public IReadOnlyDictionary<string, string?> StoreSettings => new Dictionary<string, string?>
    {
        ["Attachments:Store"] = "filesystem",
        ["Attachments:Folder"] = Files.Root,
    };

    protected override string Interval => "1.00:00:00";

    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?>(base.Settings.Concat(StoreSettings));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(Files.Root))
        {
            Directory.Delete(Files.Root, recursive: true);
        }
    }
}
