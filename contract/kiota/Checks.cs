using System.Diagnostics.CodeAnalysis;

namespace ReferralApi.KiotaLifecycle;

/// <summary>Counts what held; the first thing that does not hold ends the run with its description.</summary>
internal sealed class Checks
{
    public int Passed { get; private set; }

    public void That([DoesNotReturnIf(false)] bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"kiota client: {what}");
        }

        Passed++;
    }
}
