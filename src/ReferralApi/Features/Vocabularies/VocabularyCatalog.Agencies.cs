using ReferralApi.Domain;

namespace ReferralApi.Features.Vocabularies;

internal static partial class VocabularyCatalog
{
    private static readonly Dictionary<Sector, VocabularyLabels> SectorLabels = Complete(new Dictionary<Sector, VocabularyLabels>
    {
        [Sector.Police] = new("Kepolisian (Unit/Direktorat PPA-PPO)", "Police (PPA-PPO unit or directorate)"),
        [Sector.Prosecution] = new("Kejaksaan", "Public prosecution"),
        [Sector.Court] = new("Pengadilan", "Courts"),
        [Sector.WomenChildProtection] = new("DP3A / UPTD PPA", "Women's and children's protection (DP3A / UPTD PPA)"),
        [Sector.SocialServices] = new("Dinas Sosial", "Social services"),
        [Sector.Health] = new("Kesehatan (RSUD, Puskesmas)", "Health (regional hospitals, community health centres)"),
        [Sector.MigrantWorkerProtection] = new("BP3MI / P4MI", "Migrant worker protection (BP3MI / P4MI)"),
        [Sector.Immigration] = new("Imigrasi", "Immigration"),
        [Sector.BorderManagement] = new("Pengelola perbatasan (PLBN)", "Border management (PLBN)"),
        [Sector.WitnessVictimProtection] = new("LPSK", "Witness and victim protection (LPSK)"),
        [Sector.Labour] = new("Ketenagakerjaan", "Labour"),
        [Sector.CivilRegistration] = new("Dukcapil", "Civil registration (Dukcapil)"),
        [Sector.LegalAid] = new("Organisasi bantuan hukum (LBH)", "Legal aid organisation (LBH)"),
        [Sector.CommunityService] = new("Lembaga layanan berbasis masyarakat", "Community-based service provider"),
        [Sector.Village] = new("Pemerintah desa/adat", "Village or customary government"),
        [Sector.Consular] = new("Perwakilan RI (KJRI Kuching)", "Indonesian mission (Consulate General in Kuching)"),
        [Sector.TaskForce] = new("Gugus Tugas TPPO", "Anti-trafficking task force (Gugus Tugas TPPO)"),
        [Sector.Oversight] = new("Lembaga pengawas (Komnas Perempuan, KPAI)", "Oversight body (Komnas Perempuan, KPAI)"),
        [Sector.Other] = new("Lainnya", "Other"),
    });

    private static readonly Dictionary<CapacityStatus, VocabularyLabels> CapacityStatusLabels = Complete(new Dictionary<CapacityStatus, VocabularyLabels>
    {
        [CapacityStatus.Open] = new("Terbuka", "Open"),
        [CapacityStatus.Limited] = new("Terbatas", "Limited"),
        [CapacityStatus.Full] = new("Penuh", "Full"),
        [CapacityStatus.Closed] = new("Tutup", "Closed"),
    });

    private static readonly Dictionary<AgencyRole, VocabularyLabels> AgencyRoleLabels = Complete(new Dictionary<AgencyRole, VocabularyLabels>
    {
        [AgencyRole.Agency] = new("Lembaga layanan", "Service agency"),
        [AgencyRole.Oversight] = new("Pengawas", "Oversight"),
    });

    private static readonly Dictionary<BorderPost, VocabularyLabels> BorderPostLabels = Complete(new Dictionary<BorderPost, VocabularyLabels>
    {
        [BorderPost.Entikong] = new("PLBN Entikong, Sanggau", "Entikong border post (PLBN), Sanggau"),
        [BorderPost.Aruk] = new("PLBN Aruk, Sajingan Besar, Sambas", "Aruk border post (PLBN), Sajingan Besar, Sambas"),
        [BorderPost.Badau] = new("PLBN Nanga Badau, Kapuas Hulu", "Nanga Badau border post (PLBN), Kapuas Hulu"),
        [BorderPost.JagoiBabang] = new("PLBN Jagoi Babang, Bengkayang", "Jagoi Babang border post (PLBN), Bengkayang"),
        [BorderPost.SeiKelik] = new("PLBN Sei Kelik, Ketungau Hulu, Sintang", "Sei Kelik border post (PLBN), Ketungau Hulu, Sintang"),
    });

    private static readonly Dictionary<BorderPost, string> BorderPostRegions = Complete(new Dictionary<BorderPost, string>
    {
        [BorderPost.Entikong] = "61.03.21",
        [BorderPost.Aruk] = "61.01.09",
        [BorderPost.Badau] = "61.06.14",
        [BorderPost.JagoiBabang] = "61.07.07",
        [BorderPost.SeiKelik] = "61.05.06",
    });
}
