using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ReferralApi.Features.Agencies;

namespace ReferralApi.Infrastructure.Security;

/// <summary>
/// Key rows seen recently, so that authentication need not look the same key up on every request:
/// on PostgreSQL that lookup was half the statements of a status read. A cached row is used only
/// while every change to a key or an agency is known to reach this instance at once:
/// <list type="bullet">
/// <item>a change made through this instance clears the cache when its transaction commits
/// (<see cref="InvalidateAfterCommit"/>);</item>
/// <item>a change made anywhere else (another instance, an operator's SQL) clears it when the
/// database's notification arrives (<see cref="Data.PostgresKeyChangeListener"/>).</item>
/// </list>
/// The cache is live only on a lease the listener renews each time its connection proves it still
/// receives notifications; until the listener is connected, once it has failed, or once a lease
/// lapses, the cache is dark: every request looks its key up, as on the engines without
/// notifications. A row is also kept no longer than <see cref="ApiKeyOptions.CacheLifetime"/>,
/// which bounds a stale row should a change bypass the triggers. Only rows that exist are cached;
/// the expiry, revocation and hash checks still run on every request.
/// </summary>
internal sealed class ApiKeyCache(IOptions<ApiKeyOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly TimeSpan lifetime = options.Value.CacheLifetime;

    /// <summary>Bumped by every invalidation, so that a row read before one is not cached after it.</summary>
    private long generation;

    /// <summary>The timestamp (<see cref="TimeProvider.GetTimestamp"/>) until which the cache may answer; zero while dark.</summary>
    private long liveUntil;

    public bool IsLive => clock.GetTimestamp() < Interlocked.Read(ref liveUntil);

    /// <summary>Read before looking a key up, and handed back to <see cref="Add"/>.</summary>
    public long Generation => Interlocked.Read(ref generation);

    public ApiKeyLookup.KeyRow? Find(string prefix)
    {
        if (!IsLive || !entries.TryGetValue(prefix, out var entry))
        {
            return null;
        }

        return clock.GetElapsedTime(entry.Since) < lifetime ? entry.Row : null;
    }

    /// <summary>
    /// Caches a row read from the database, unless the cache was invalidated since
    /// <paramref name="seen"/>: the row might predate the change that invalidated it.
    /// </summary>
    public void Add(string prefix, ApiKeyLookup.KeyRow row, long seen)
    {
        if (!IsLive || lifetime <= TimeSpan.Zero || Generation != seen)
        {
            return;
        }

        var entry = new Entry(row, clock.GetTimestamp());
        entries[prefix] = entry;

        // An invalidation between the check above and the store: it may have cleared before the
        // store, so the entry is taken back out.
        if (Generation != seen)
        {
            entries.TryRemove(new KeyValuePair<string, Entry>(prefix, entry));
        }
    }

    /// <summary>Keeps a cached row's last use in step with the one just written.</summary>
    public void Touched(string prefix, DateTimeOffset at)
    {
        if (entries.TryGetValue(prefix, out var entry))
        {
            entries.TryUpdate(prefix, entry with { Row = entry.Row with { LastUsedAt = at } }, entry);
        }
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        entries.Clear();
    }

    /// <summary>Clears the cache once <paramref name="db"/>'s transaction has committed a change to keys or agencies.</summary>
    public void InvalidateAfterCommit(Data.UnitOfWork db) => db.AfterCommit(Invalidate);

    /// <summary>Changes now reach this instance: start from an empty cache, since some may have been missed.</summary>
    public void GoLive(TimeSpan lease)
    {
        Invalidate();
        Renew(lease);
    }

    /// <summary>Every change committed until now has reached this instance: answer for <paramref name="lease"/> more.</summary>
    public void Renew(TimeSpan lease) =>
        Interlocked.Exchange(ref liveUntil, clock.GetTimestamp() + (long)(lease.TotalSeconds * clock.TimestampFrequency));

    /// <summary>Changes may no longer reach this instance: every request looks its key up again.</summary>
    public void GoDark()
    {
        Interlocked.Exchange(ref liveUntil, 0);
        Invalidate();
    }

    private sealed record Entry(ApiKeyLookup.KeyRow Row, long Since);
}
