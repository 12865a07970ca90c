using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using ReferralApi.Features.Attachments;
using ReferralApi.Features.Referrals;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Json;

namespace ReferralApi.Features.Retention;

/// <summary>
/// Erases the personal data of every referral whose terminal status is older than the retention
/// period and that no party holds. Each referral is erased in a transaction of its own; the age
/// at referral replaces the birth date, so the statistics keep it. Each batch works in a scope (one
/// connection) of its own.
/// </summary>
internal sealed class RetentionJob(IServiceScopeFactory scopes, PersonalDataCipher cipher, IOptions<RetentionOptions> options, TimeProvider clock)
{
    /// <summary>Runs one pass over everything due now; returns how many referrals this instance erased.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.Now();
        var cutoff = now.AddYears(-options.Value.Years);
        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<NoteStore>().DeleteLateNotesAsync(ct);
            await scope.ServiceProvider.GetRequiredService<AttachmentCleanup>().RunAsync(ct);
        }

        var erased = 0;
        var after = Guid.Empty;
        while (true)
        {
            var (due, erasedInBatch) = await EraseBatchAsync(now, cutoff, after, ct);
            erased += erasedInBatch;
            if (due.Count < options.Value.BatchSize)
            {
                return erased;
            }

            after = due[^1].Id;
        }
    }

    /// <summary>The referrals due after <paramref name="after"/>, and how many of them this instance erased.</summary>
    private async Task<(IReadOnlyList<DueReferral> Due, int Erased)> EraseBatchAsync(DateTimeOffset now, DateTimeOffset cutoff, Guid after, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var unit = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var referrals = scope.ServiceProvider.GetRequiredService<ReferralStore>();
        var history = scope.ServiceProvider.GetRequiredService<StatusHistoryStore>();
        var notes = scope.ServiceProvider.GetRequiredService<NoteStore>();
        var withdrawals = scope.ServiceProvider.GetRequiredService<ConsentWithdrawalStore>();
        var attachments = scope.ServiceProvider.GetRequiredService<AttachmentCleanup>();
        var due = await referrals.PastRetentionAsync(cutoff, after, options.Value.BatchSize, ct);
        var erased = 0;
        foreach (var referral in due)
        {
            var replacement = new ErasedReferral(
                referral.Id, cipher.Seal(PersonalDataCipher.Referrals, referral.Id, "reason", string.Empty)!, AgeAtReferral(referral), now);

            // One transaction per referral, so its statements commit together. Nothing more is erased
            // when the referral was erased by another instance or held since it was found due.
            if (await unit.InTransactionAsync(async token =>
            {
                if (!await referrals.TryEraseAsync(replacement, token))
                {
                    return false;
                }

                await history.EraseTextsAsync(referral.Id, token);
                await notes.DeleteAllAsync(referral.Id, token);
                await withdrawals.EraseNotesAsync(referral.Id, token);
                await attachments.EraseContentsAsync(referral.Id, now, token);
                return true;
            }, ct))
            {
                erased++;
            }
        }

        return (due, erased);
    }

    /// <summary>Null when the referral gave an age instead (it is kept as it is) or the birth date cannot be read.</summary>
    private int? AgeAtReferral(DueReferral referral)
    {
        try
        {
            return cipher.Open(PersonalDataCipher.Referrals, referral.Id, "subject_birth_date", referral.SubjectBirthDate) is { } text
                ? ReferralView.AgeOn(DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateOnly.FromDateTime(referral.CreatedAt.UtcDateTime))
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
