using ReferralApi.Infrastructure.Hosting;

namespace ReferralApi.UnitTests.Hosting;

/// <summary>When the start-up note on glibc's malloc arenas is due: only on glibc with no limit set.</summary>
public sealed class MallocArenaCheckTests
{
    private static Func<string, string?> Variables(params (string Name, string Value)[] set) =>
        name => set.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void OnGlibc_WithoutALimit_TheNoteIsDue() =>
        Assert.True(MallocArenaCheck.UsesGlibcDefault(onGlibc: true, Variables()));

    [Theory]
    [InlineData("MALLOC_ARENA_MAX", "2")]
    [InlineData("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=131072:glibc.malloc.arena_max=4")]
    public void OnGlibc_WithALimitSet_TheNoteIsNotDue(string name, string value) =>
        Assert.False(MallocArenaCheck.UsesGlibcDefault(onGlibc: true, Variables((name, value))));

    [Fact]
    public void OnGlibc_WithOtherTunablesOnly_TheNoteIsDue() =>
        Assert.True(MallocArenaCheck.UsesGlibcDefault(onGlibc: true, Variables(("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=131072"))));

    [Fact]
    public void WithoutGlibc_TheNoteIsNotDue() =>
        Assert.False(MallocArenaCheck.UsesGlibcDefault(onGlibc: false, Variables()));

    [Fact]
    public void TheCLibraryIsRecognised_WhereItIsKnown()
    {
        // The machines this suite runs on: Debian and Ubuntu (glibc), Windows and macOS (neither).
        var expected = OperatingSystem.IsLinux() && !File.Exists("/etc/alpine-release");
        Assert.Equal(expected, MallocArenaCheck.RunsOnGlibc());
    }
}
