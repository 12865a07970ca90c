using ReferralApi.Features.AccessLog;
using ReferralApi.Features.AdminAudit;
using ReferralApi.Features.Agencies;
using ReferralApi.Features.Attachments;
using ReferralApi.Features.Cases;
using ReferralApi.Features.Escalation;
using ReferralApi.Features.Events;
using ReferralApi.Features.Health;
using ReferralApi.Features.Privacy;
using ReferralApi.Features.Referrals;
using ReferralApi.Features.Reports;
using ReferralApi.Features.Retention;
using ReferralApi.Features.Vocabularies;
using ReferralApi.Features.Webhooks;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Demo;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Hosting;
using ReferralApi.Infrastructure.Http;
using ReferralApi.Infrastructure.Idempotency;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.OpenApi;
using ReferralApi.Infrastructure.Security;
using ReferralApi.Infrastructure.Security.Encryption;
using ReferralApi.Infrastructure.Security.RateLimiting;
using ReferralApi.Infrastructure.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton(TimeProvider.System);
builder.AddRequestPipeline();
builder.AddBrowserAccess();
builder.AddTelemetry();
builder.AddStrictJson();
builder.AddProblemAnswers();
builder.AddDatabase();
builder.AddApiKeySecurity();
builder.AddApiRateLimiting();
builder.AddEncryption();
builder.AddIdempotency();
builder.AddHealth();
builder.AddAgencies();
builder.AddReferrals();
builder.AddAttachments();
builder.AddCases();
builder.AddEvents();
builder.AddEscalation();
builder.AddReports();
builder.AddWebhooks();
builder.AddPrivacy();
builder.AddAccessLog();
builder.AddAdminAudit();
builder.AddRetention();
builder.AddDemoData();
builder.AddOpenApiDocument();

var app = builder.Build();
MallocArenaCheck.Report(app.Logger);
app.UseRequestPipeline();

// Before authentication: a preflight carries no credentials.
app.UseCors();
app.UseMetricsEndpoint();
app.UseProblemAnswers();
app.UseOpenApiDocument();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.UseStrictQueryStrings();

app.MapHealth();
app.MapProblemPages();
app.MapVocabularies();
app.MapAgencies();
app.MapReferrals();
app.MapAttachments();
app.MapCases();
app.MapEvents();
app.MapWebhooks();
app.MapReports();
app.MapAccessLog();
app.MapAdminAudit();
app.MapLegalHold();

if (DatabaseSetup.IsMigrateCommand(args))
{
    await app.RunMigrateCommandAsync();
    return;
}

await app.MigrateDatabaseAsync();
if (PrivacySetup.IsReEncryptionCommand(args))
{
    await app.RunReEncryptionAsync();
    return;
}

await app.SeedDemoDataAsync();
await app.RunAsync();

/// <summary>The entry point, visible to the integration tests' host factory.</summary>
public partial class Program;
