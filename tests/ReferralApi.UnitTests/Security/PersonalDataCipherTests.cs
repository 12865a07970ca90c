using System.Security.Cryptography;
using ReferralApi.Features.Referrals;
using ReferralApi.Infrastructure.Security.Encryption;

namespace ReferralApi.UnitTests.Security;

/// <summary>The sealing of rows and the column lists the re-encryption command walks must agree value for value.</summary>
public sealed class PersonalDataCipherTests
{
    private static readonly KeyRing Keys = new(new Dictionary<string, byte[]> { ["k1"] = RandomNumberGenerator.GetBytes(32) }, "k1");
    private static readonly PersonalDataCipher Cipher = new(Keys);

    [Fact]
    public void SealedReferral_OpensColumnByColumn_UnderTheListedColumnNames()
    {
        var row = new ReferralRow
        {
            Id = Guid.CreateVersion7(), Reason = "reason", SubjectFullName = "full name", SubjectBirthDate = "2001-04-01",
            SubjectNationalId = "6101010104010001", SubjectPhone = "+62 812", SubjectAddress = "Jl. Contoh", SafeContactNotes = "notes",
        };

        var sealedRow = Cipher.Seal(row);
        string?[] stored = [sealedRow.Reason, sealedRow.SubjectFullName, sealedRow.SubjectBirthDate, sealedRow.SubjectNationalId, sealedRow.SubjectPhone, sealedRow.SubjectAddress, sealedRow.SafeContactNotes];
        string?[] plain = [row.Reason, row.SubjectFullName, row.SubjectBirthDate, row.SubjectNationalId, row.SubjectPhone, row.SubjectAddress, row.SafeContactNotes];

        Assert.Equal(plain.Length, PersonalDataCipher.ReferralColumns.Count);
        for (var i = 0; i < plain.Length; i++)
        {
            Assert.NotEqual(plain[i], stored[i]);
            Assert.Equal(plain[i], Cipher.Open(PersonalDataCipher.Referrals, row.Id, PersonalDataCipher.ReferralColumns[i], stored[i]));
        }

        Assert.Equal(row, Cipher.Open(sealedRow));
    }

    [Fact]
    public void SealedStatusChange_OpensColumnByColumn_UnderTheListedColumnNames()
    {
        var row = new StatusChangeRow
        {
            Id = Guid.CreateVersion7(), ReferralId = Guid.CreateVersion7(), Status = "declined", Reason = "r", Outcome = "o", Note = "n",
            PersonSub = "f3c1-77", PersonName = "Ibu Rina",
        };

        var sealedRow = Cipher.Seal(row);
        string?[] stored = [sealedRow.Reason, sealedRow.Outcome, sealedRow.Note, sealedRow.PersonName];

        Assert.Equal("f3c1-77", sealedRow.PersonSub);
        Assert.Equal(stored.Length, PersonalDataCipher.StatusChangeColumns.Count);
        Assert.Equal(["r", "o", "n", "Ibu Rina"], stored.Select((s, i) => Cipher.Open(PersonalDataCipher.StatusChanges, row.Id, PersonalDataCipher.StatusChangeColumns[i], s)));
        Assert.Equal(row, Cipher.Open(sealedRow));
    }

    [Fact]
    public void SealedNote_OpensUnderTheListedColumnName()
    {
        var row = new NoteRow { Id = Guid.CreateVersion7(), ReferralId = Guid.CreateVersion7(), Text = "call her aunt", PersonSub = "f3c1-77", PersonName = "Ibu Rina" };

        var sealedRow = Cipher.Seal(row);
        string?[] stored = [sealedRow.Text, sealedRow.PersonName];

        Assert.Equal(stored.Length, PersonalDataCipher.NoteColumns.Count);
        Assert.Equal(["call her aunt", "Ibu Rina"], stored.Select((s, i) => Cipher.Open(PersonalDataCipher.Notes, row.Id, PersonalDataCipher.NoteColumns[i], s)));
        Assert.Equal(row, Cipher.Open(sealedRow));
    }

    [Fact]
    public void PersonNameInALog_OpensOnlyInItsOwnLog()
    {
        var stored = Cipher.SealInLog(PersonalDataCipher.AccessLog, "Ibu Rina");

        Assert.NotEqual("Ibu Rina", stored);
        Assert.Equal("Ibu Rina", Cipher.OpenFromLog(PersonalDataCipher.AccessLog, stored));
        Assert.ThrowsAny<CryptographicException>(() => Cipher.OpenFromLog(PersonalDataCipher.AdminAuditLog, stored));
        Assert.Null(Cipher.SealInLog(PersonalDataCipher.AccessLog, null));
    }

    [Fact]
    public void SealedValue_DoesNotOpenInAnotherRowOrColumn()
    {
        var id = Guid.CreateVersion7();
        var stored = Cipher.Seal(PersonalDataCipher.Referrals, id, "subject_national_id", "6101010104010001");

        Assert.ThrowsAny<CryptographicException>(() => Cipher.Open(PersonalDataCipher.Referrals, Guid.CreateVersion7(), "subject_national_id", stored));
        Assert.ThrowsAny<CryptographicException>(() => Cipher.Open(PersonalDataCipher.Referrals, id, "subject_phone", stored));
    }
}
