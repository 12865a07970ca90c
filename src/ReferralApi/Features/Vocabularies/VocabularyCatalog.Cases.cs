using ReferralApi.Domain;

namespace ReferralApi.Features.Vocabularies;

internal static partial class VocabularyCatalog
{
    private static readonly Dictionary<ViolenceType, VocabularyLabels> ViolenceTypeLabels = Complete(new Dictionary<ViolenceType, VocabularyLabels>
    {
        [ViolenceType.Physical] = new("Fisik", "Physical"),
        [ViolenceType.Psychological] = new("Psikis", "Psychological"),
        [ViolenceType.Sexual] = new("Seksual", "Sexual"),
        [ViolenceType.Exploitation] = new("Eksploitasi", "Exploitation"),
        [ViolenceType.Trafficking] = new("Perdagangan orang", "Trafficking"),
        [ViolenceType.Neglect] = new("Penelantaran", "Neglect"),
        [ViolenceType.Other] = new("Lainnya", "Other"),
    });

    // Every form of violence is one of SIMFONI-PPA's own categories, so the mapping is total.
    private static readonly Dictionary<ViolenceType, string> ViolenceTypeSimfoni = Complete(new Dictionary<ViolenceType, string>
    {
        [ViolenceType.Physical] = "Fisik",
        [ViolenceType.Psychological] = "Psikis",
        [ViolenceType.Sexual] = "Seksual",
        [ViolenceType.Exploitation] = "Eksploitasi",
        [ViolenceType.Trafficking] = "Trafficking",
        [ViolenceType.Neglect] = "Penelantaran",
        [ViolenceType.Other] = "Lainnya",
    });

    private static readonly Dictionary<TraffickingPurpose, VocabularyLabels> TraffickingPurposeLabels = Complete(new Dictionary<TraffickingPurpose, VocabularyLabels>
    {
        [TraffickingPurpose.Prostitution] = new("Pelacuran", "Prostitution"),
        [TraffickingPurpose.ForcedLabour] = new("Kerja paksa", "Forced labour"),
        [TraffickingPurpose.Slavery] = new("Perbudakan atau praktik serupa", "Slavery or practices similar to slavery"),
        [TraffickingPurpose.SexualExploitation] = new("Eksploitasi seksual", "Sexual exploitation"),
        [TraffickingPurpose.OrganRemoval] = new("Transplantasi organ/jaringan", "Removal of organs or tissue"),
        [TraffickingPurpose.Other] = new("Lainnya", "Other"),
    });

    private static readonly Dictionary<TraffickingMode, VocabularyLabels> TraffickingModeLabels = Complete(new Dictionary<TraffickingMode, VocabularyLabels>
    {
        [TraffickingMode.DeliberateTransfer] = new("Pemindahan secara sengaja", "Deliberate transfer"),
        [TraffickingMode.AbductedMigration] = new("Migrasi yang diculik", "Abducted migration"),
        [TraffickingMode.MailOrderBride] = new("Pengantin pesanan", "Mail-order bride"),
        [TraffickingMode.ContractMarriage] = new("Kawin kontrak", "Contract marriage"),
        [TraffickingMode.FakeInternship] = new("Magang palsu", "Fake internship"),
        [TraffickingMode.DomesticWork] = new("Pekerja rumah tangga", "Domestic work"),
        [TraffickingMode.OnlineScamCompound] = new("Penipuan daring (online scam compounds)", "Online scam compound"),
        [TraffickingMode.Other] = new("Lainnya", "Other"),
    });

    private static readonly Dictionary<Place, VocabularyLabels> PlaceLabels = Complete(new Dictionary<Place, VocabularyLabels>
    {
        [Place.Household] = new("Rumah tangga", "Household"),
        [Place.Workplace] = new("Tempat kerja", "Workplace"),
        [Place.School] = new("Sekolah", "School"),
        [Place.PublicFacility] = new("Fasilitas umum", "Public facility"),
        [Place.Online] = new("Daring", "Online"),
        [Place.Other] = new("Lainnya", "Other"),
    });

    // Online has no SIMFONI-PPA place category of its own; leaving it unmapped keeps the choice
    // of where to count it with the reporting agency.
    private static readonly Dictionary<Place, string> PlaceSimfoni = new()
    {
        [Place.Household] = "Rumah Tangga",
        [Place.Workplace] = "Tempat Kerja",
        [Place.School] = "Sekolah",
        [Place.PublicFacility] = "Fasilitas Umum",
        [Place.Other] = "Lainnya",
    };

    private static readonly Dictionary<Sex, VocabularyLabels> SexLabels = Complete(new Dictionary<Sex, VocabularyLabels>
    {
        [Sex.Female] = new("Perempuan", "Female"),
        [Sex.Male] = new("Laki-laki", "Male"),
    });

    private static readonly Dictionary<ConsentGiver, VocabularyLabels> ConsentGiverLabels = Complete(new Dictionary<ConsentGiver, VocabularyLabels>
    {
        [ConsentGiver.Subject] = new("Korban/subjek data", "The subject"),
        [ConsentGiver.Guardian] = new("Wali/orang tua", "Parent or guardian"),
    });

    private static readonly Dictionary<ContactChannel, VocabularyLabels> ContactChannelLabels = Complete(new Dictionary<ContactChannel, VocabularyLabels>
    {
        [ContactChannel.ViaSender] = new("Melalui lembaga pengirim", "Through the sending agency"),
        [ContactChannel.Phone] = new("Telepon", "Phone"),
        [ContactChannel.Sms] = new("SMS", "SMS"),
        [ContactChannel.Whatsapp] = new("WhatsApp", "WhatsApp"),
        [ContactChannel.InPerson] = new("Tatap muka", "In person"),
        [ContactChannel.Email] = new("Email", "Email"),
    });
}
