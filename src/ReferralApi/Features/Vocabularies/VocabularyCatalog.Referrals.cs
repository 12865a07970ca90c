using ReferralApi.Domain;

namespace ReferralApi.Features.Vocabularies;

internal static partial class VocabularyCatalog
{
    private static readonly Dictionary<Service, VocabularyLabels> ServiceLabels = Complete(new Dictionary<Service, VocabularyLabels>
    {
        [Service.Medical] = new("Layanan kesehatan/rehabilitasi medis", "Health care/medical rehabilitation"),
        [Service.Psychological] = new("Penguatan psikologis", "Psychological support"),
        [Service.Psychosocial] = new("Psikososial", "Psychosocial support"),
        [Service.LegalAid] = new("Bantuan hukum", "Legal aid"),
        [Service.LawEnforcement] = new("Penegakan hukum", "Law enforcement"),
        [Service.SafeHouse] = new("Rumah aman", "Safe house"),
        [Service.SocialRehabilitation] = new("Rehabilitasi sosial", "Social rehabilitation"),
        [Service.SocialEmpowerment] = new("Pemberdayaan sosial", "Social empowerment"),
        [Service.EconomicEmpowerment] = new("Pemberdayaan ekonomi", "Economic empowerment"),
        [Service.Reintegration] = new("Reintegrasi sosial", "Social reintegration"),
        [Service.Repatriation] = new("Pemulangan/repatriasi", "Return/repatriation"),
        [Service.Restitution] = new("Restitusi/kompensasi", "Restitution/compensation"),
        [Service.SpiritualGuidance] = new("Bimbingan rohani", "Spiritual guidance"),
        [Service.CivilDocuments] = new("Dokumen kependudukan", "Civil registration documents"),
        [Service.DisabilityAccommodation] = new("Akomodasi disabilitas", "Disability accommodation"),
        [Service.Interpreter] = new("Penerjemah", "Interpreter"),
        [Service.ContentRemoval] = new("Penghapusan konten seksual", "Removal of sexual content"),
        [Service.VictimProtection] = new("Perlindungan saksi dan korban (LPSK)", "Witness and victim protection (LPSK)"),
        [Service.Mediation] = new("Mediasi", "Mediation"),
    });

    // Only services that match one of SIMFONI-PPA's service categories are mapped; the rest have no
    // national counterpart and are reported locally only.
    private static readonly Dictionary<Service, string> ServiceSimfoni = new()
    {
        [Service.Medical] = "Kesehatan",
        [Service.LegalAid] = "Bantuan Hukum",
        [Service.LawEnforcement] = "Penegakan Hukum",
        [Service.SocialRehabilitation] = "Rehabilitasi Sosial",
        [Service.Reintegration] = "Reintegrasi Sosial",
        [Service.Repatriation] = "Pemulangan",
        [Service.SpiritualGuidance] = "Pendampingan Tokoh Agama",
    };

    private static readonly Dictionary<Urgency, VocabularyLabels> UrgencyLabels = Complete(new Dictionary<Urgency, VocabularyLabels>
    {
        [Urgency.Emergency] = new("Darurat", "Emergency"),
        [Urgency.Urgent] = new("Segera", "Urgent"),
        [Urgency.Routine] = new("Biasa", "Routine"),
    });

    // Urgent is the 3×24 hours of UU TPKS art. 41; routine is the seven days of UU 21/2007 art. 52.
    private static readonly Dictionary<Urgency, int> UrgencyHours = Complete(new Dictionary<Urgency, int>
    {
        [Urgency.Emergency] = 24,
        [Urgency.Urgent] = 72,
        [Urgency.Routine] = 168,
    });

    private static readonly Dictionary<ReferralStatus, VocabularyLabels> StatusLabels = Complete(new Dictionary<ReferralStatus, VocabularyLabels>
    {
        [ReferralStatus.Sent] = new("Terkirim", "Sent"),
        [ReferralStatus.Received] = new("Diterima sistem", "Received by the system"),
        [ReferralStatus.Accepted] = new("Diterima", "Accepted"),
        [ReferralStatus.Declined] = new("Ditolak", "Declined"),
        [ReferralStatus.InProgress] = new("Sedang ditangani", "In progress"),
        [ReferralStatus.OnHold] = new("Ditunda", "On hold"),
        [ReferralStatus.Completed] = new("Selesai", "Completed"),
        [ReferralStatus.Failed] = new("Tidak berhasil", "Unsuccessful"),
        [ReferralStatus.Cancelled] = new("Dibatalkan", "Cancelled"),
    });

    private static readonly Dictionary<AcknowledgementDecision, VocabularyLabels> AcknowledgementDecisionLabels = Complete(new Dictionary<AcknowledgementDecision, VocabularyLabels>
    {
        [AcknowledgementDecision.Received] = new("Diterima sistem", "Received by the system"),
        [AcknowledgementDecision.Accepted] = new("Diterima", "Accepted"),
        [AcknowledgementDecision.Declined] = new("Ditolak", "Declined"),
    });

    private static readonly Dictionary<ReasonCode, VocabularyLabels> ReasonCodeLabels = Complete(new Dictionary<ReasonCode, VocabularyLabels>
    {
        [ReasonCode.NotInMandate] = new("Di luar kewenangan", "Outside the agency's mandate"),
        [ReasonCode.NoCapacity] = new("Kapasitas penuh", "No capacity"),
        [ReasonCode.OutsideArea] = new("Di luar wilayah", "Outside the service area"),
        [ReasonCode.Duplicate] = new("Duplikat", "Duplicate"),
        [ReasonCode.SubjectUnreachable] = new("Korban tidak dapat dihubungi", "Victim cannot be reached"),
        [ReasonCode.SubjectWithdrew] = new("Korban menarik diri", "Victim withdrew"),
        [ReasonCode.ReferredElsewhere] = new("Dirujuk ke lembaga lain", "Referred to another agency"),
        [ReasonCode.SafetyRisk] = new("Risiko keselamatan", "Safety risk"),
        [ReasonCode.Other] = new("Lainnya", "Other"),
    });

    private static readonly Dictionary<LegalBasis, VocabularyLabels> LegalBasisLabels = Complete(new Dictionary<LegalBasis, VocabularyLabels>
    {
        [LegalBasis.Consent] = new("Persetujuan", "Consent"),
        [LegalBasis.LegalObligation] = new("Kewajiban hukum", "Legal obligation"),
        [LegalBasis.PublicTask] = new("Tugas pelayanan publik", "Public service task"),
        [LegalBasis.VitalInterest] = new("Kepentingan vital", "Vital interest"),
    });
}
