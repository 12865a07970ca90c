namespace ReferralApi.Domain;

/// <summary>A local mode of trafficking.</summary>
public enum TraffickingMode
{
    DeliberateTransfer,
    AbductedMigration,
    MailOrderBride,
    ContractMarriage,
    FakeInternship,
    DomesticWork,
    OnlineScamCompound,
    Other,
}
