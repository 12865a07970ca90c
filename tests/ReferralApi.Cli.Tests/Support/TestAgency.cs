namespace ReferralApi.Cli.Tests.Support;

/// <summary>An agency created for one test, with the API key its scripts would use.</summary>
public sealed record TestAgency(Guid Id, string Code, string Key);
