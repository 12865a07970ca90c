namespace ReferralApi.Infrastructure.Security;

/// <summary>The bootstrap administrator key; from configuration or the environment (<c>Admin__ApiKey</c>), never committed.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    public string? ApiKey { get; set; }
}
