namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// The text SQLite stores for an id, kept for the ids bound again and again: a request binds its
/// own agency and key, and the referral it reads once for the read and once for its access-log
/// row. Each would otherwise be a new string on every bind. A small table of slots, one id each,
/// picked by the id's hash; an id that lands on a taken slot replaces what was there.
/// </summary>
internal static class SqliteGuidText
{
    private const int Slots = 1024;

    private static readonly Entry?[] Entries = new Entry?[Slots];

    public static string Of(Guid id)
    {
        ref var slot = ref Entries[id.GetHashCode() & (Slots - 1)];
        if (Volatile.Read(ref slot) is { } kept && kept.Id == id)
        {
            return kept.Text;
        }

        var text = id.ToString("D");
        Volatile.Write(ref slot, new Entry(id, text));
        return text;
    }

    /// <summary>Immutable, so a reader sees an id with its own text whichever thread wrote the slot.</summary>
    private sealed record Entry(Guid Id, string Text);
}
