namespace ReferralApi.Infrastructure.Paging;

/// <summary>One page of a list: <c>nextCursor</c> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
