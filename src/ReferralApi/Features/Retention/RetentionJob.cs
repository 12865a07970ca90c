using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using ReferralApi.Features.Referrals;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Json;

namespace ReferralApi.Features.Retention;

/// <summary>
/// Erases the personal data of every referral whose terminal status is older than the retention
/// period and that no party holds. Each referral is erased in a transaction of its own; the age
/// at referral replaces the birth date, so the statistics keep it.
/// </summary>
internal sealed class RetentionJob(Db db, PersonalDataCipher cipher, IOptions<RetentionOptions> options, TimeProvider clock)
{
    /// <summary>Runs one pass over everything due now; returns how many referrals this instance erased.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.Now();
        var cutoff = now.AddYears(-options.Value.Years);
        await db.ReadAsync(async (connection, token) =>
        {
            await RetentionStore.DeleteLateNotesAsync(connection, token);
            return true;
        }, ct);
        var erased = 0;
        var after = Guid.Empty;
        while (true)
        {
            var due = await db.ReadAsync((connection, token) => RetentionStore.DueAsync(connection, db.Dialect, cutoff, after, options.Value.BatchSize, token), ct);
            foreach (var referral in due)
            {
                var replacement = new ErasedReferral(
                    referral.Id, cipher.Seal(PersonalDataCipher.Referrals, referral.Id, "reason", string.Empty)!, AgeAtReferral(referral), now);
                if (await db.InTransactionAsync((connection, transaction, token) => RetentionStore.EraseAsync(connection, transaction, replacement, token), ct))
                {
                    erased++;
                }
            }

            if (due.Count < options.Value.BatchSize)
            {
                return erased;
            }

            after = due[^1].Id;
        }
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
