using ReferralApi.Features.Events;

namespace ReferralApi.Features.Webhooks;

/// <summary>
/// A subscription's event types as stored: <c>,a,b,</c> so one LIKE finds a type inside the
/// outbox's INSERT ... SELECT, and the empty string for "every type".
/// </summary>
internal static class EventTypeFilter
{
    public static string Encode(IReadOnlyCollection<string>? types) =>
        types is null || types.Count == 0 ? string.Empty : "," + string.Join(',', types.Order(StringComparer.Ordinal)) + ",";

    public static IReadOnlyList<string> Decode(string stored) =>
        stored.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The LIKE pattern matching <paramref name="type"/>; '_' is a wildcard in LIKE, so it is escaped with '\'.</summary>
    public static string PatternFor(string type) => "%," + type.Replace("_", "\\_", StringComparison.Ordinal) + ",%";

    public static bool IsKnown(string type) => EventTypes.All.Contains(type);
}
