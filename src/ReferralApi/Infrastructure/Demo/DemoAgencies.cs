using ReferralApi.Domain;
using static ReferralApi.Domain.Service;

namespace ReferralApi.Infrastructure.Demo;

/// <summary>The demo agencies named in the domain notes, with plausible services.</summary>
internal static class DemoAgencies
{
    public sealed record Agency(string Code, string Name, Sector Sector, string RegionCode, AgencyRole[] Roles, Service[] Services, bool AcceptsReferrals = true);

    public static readonly IReadOnlyList<Agency> All =
    [
        new("POLDA-KALBAR-PPA", "Polda Kalimantan Barat, Ditreskrimum (Unit PPA)", Sector.Police, "61", [AgencyRole.Agency], [LawEnforcement, VictimProtection]),
        new("UPTD-PPA-KALBAR", "UPTD PPA Provinsi Kalimantan Barat", Sector.WomenChildProtection, "61", [AgencyRole.Agency], [Psychological, Psychosocial, SafeHouse, LegalAid, Reintegration]),
        new("RSUD-SOEDARSO", "RSUD dr. Soedarso Pontianak", Sector.Health, "61.71", [AgencyRole.Agency], [Medical, Psychological]),
        new("DINSOS-KALBAR", "Dinas Sosial Provinsi Kalbar", Sector.SocialServices, "61", [AgencyRole.Agency], [SocialRehabilitation, SafeHouse, Reintegration, Repatriation]),
        new("BP3MI-KALBAR", "BP3MI Kalimantan Barat", Sector.MigrantWorkerProtection, "61", [AgencyRole.Agency], [Repatriation, Reintegration, EconomicEmpowerment]),
        new("IMIGRASI-ENTIKONG", "Kantor Imigrasi Entikong", Sector.Immigration, "61.03", [AgencyRole.Agency], [CivilDocuments, Repatriation, Interpreter]),
        new("OBH-KALBAR", "Organisasi Bantuan Hukum Kalbar (demo)", Sector.LegalAid, "61", [AgencyRole.Agency], [LegalAid, Restitution]),
        new("GUGUS-TPPO-KALBAR", "Gugus Tugas TPPO Provinsi Kalbar", Sector.TaskForce, "61", [AgencyRole.Agency, AgencyRole.Oversight], [Repatriation, Reintegration]),
        new("KOMNAS-PEREMPUAN", "Komnas Perempuan", Sector.Oversight, "31", [AgencyRole.Oversight], [], AcceptsReferrals: false),
    ];
}
