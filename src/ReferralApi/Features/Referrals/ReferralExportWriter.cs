namespace ReferralApi.Features.Referrals;

/// <summary>Writes exported referrals to the response as they are read; <see cref="FlushAsync"/> sends what is written so far.</summary>
internal abstract class ReferralExportWriter : IAsyncDisposable
{
    public abstract void Write(ReferralResponse referral);

    public abstract Task FlushAsync(CancellationToken ct);

    /// <summary>Ends the body: NDJSON adds the trailer line; CSV has said where to resume in a header already.</summary>
    public abstract Task CompleteAsync(DateTimeOffset nextUpdatedAfter, int count, CancellationToken ct);

    public abstract ValueTask DisposeAsync();
}
