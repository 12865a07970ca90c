using ReferralApi.Infrastructure.Hosting;

namespace ReferralApi.UnitTests.Hosting;

/// <summary>When the start-up note on glibc's malloc arenas is due: only on glibc with no limit set.</summary>
public sealed class MallocArenaCheckTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void OnGlibc_WithoutALimit_TheNoteIsDue() =>
        Assert.True(MallocArenaCheck.UsesGlibcDefault("linux-x64", isLinux: true, Environment()));

    [Theory]
    [InlineData("MALLOC_ARENA_MAX", "2")]
    [InlineData("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=131072:glibc.malloc.arena_max=4")]
    public void OnGlibc_WithALimitSet_TheNoteIsNotDue(string name, string value) =>
        Assert.False(MallocArenaCheck.UsesGlibcDefault("linux-x64", isLinux: true, Environment((name, value))));

    [Fact]
    public void OnGlibc_WithOtherTunablesOnly_TheNoteIsDue() =>
        Assert.True(MallocArenaCheck.UsesGlibcDefault("linux-arm64", isLinux: true, Environment(("GLIBC_TUNABLES", "glibc.malloc.trim_threshold=131072"))));

    [Theory]
    [InlineData("linux-musl-x64", true)]
    [InlineData("win-x64", false)]
    [InlineData("osx-arm64", false)]
    public void WithoutGlibc_TheNoteIsNotDue(string runtimeIdentifier, bool isLinux) =>
        Assert.False(MallocArenaCheck.UsesGlibcDefault(runtimeIdentifier, isLinux, Environment()));
}
