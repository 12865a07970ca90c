using ReferralApi.Domain;

namespace ReferralApi.Features.Vocabularies;

internal static partial class VocabularyCatalog
{
    // The documents that travel with a referral in West Kalimantan: the forensic report and the
    // police's papers first, then what services and courts add later.
    private static readonly Dictionary<AttachmentKind, VocabularyLabels> AttachmentKindLabels = Complete(new Dictionary<AttachmentKind, VocabularyLabels>
    {
        [AttachmentKind.VisumEtRepertum] = new("Visum et repertum", "Forensic medical report (visum et repertum)"),
        [AttachmentKind.PoliceReport] = new("Laporan polisi", "Police report"),
        [AttachmentKind.ExaminationRecord] = new("Berita acara pemeriksaan (BAP)", "Examination record (BAP)"),
        [AttachmentKind.CourtDecision] = new("Putusan pengadilan", "Court decision"),
        [AttachmentKind.MedicalRecord] = new("Rekam medis", "Medical record"),
        [AttachmentKind.PsychologicalAssessment] = new("Hasil asesmen psikologis", "Psychological assessment"),
        [AttachmentKind.ConsentForm] = new("Formulir persetujuan", "Consent form"),
        [AttachmentKind.IdentityDocument] = new("Dokumen identitas", "Identity document"),
        [AttachmentKind.Photo] = new("Foto", "Photo"),
        [AttachmentKind.Other] = new("Lainnya", "Other"),
    });
}
