using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Operations;

/// <summary>
/// What an operator sees: the domain figures on <c>/metrics</c> after a referral's life, the
/// database spans of a create under its request span, no personal data in either, and a scrape
/// endpoint that exists only for loopback and the allowed networks.
/// </summary>
public abstract class OperationsTests<TEngine>(TelemetryFixture<TEngine> fx) : IClassFixture<TelemetryFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task ReferralLife_ShowsOnMetrics_ByCodeListValuesAndAgencyCodes()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        using var subscribed = await receiver.Client.PostJsonAsync("/v1/webhooks", new JsonObject { ["url"] = "http://127.0.0.1:9/hooks", ["eventTypes"] = new JsonArray() });
        var subscription = (string)(await subscribed.ExpectAsync(HttpStatusCode.Created))["id"]!;
        using var scraper = fx.CreateClient();
        var before = await MetricsScrape.ReadAsync(scraper);

        var body = PersonalData.Identified(Scenario.ReferralBody(receiver.Id));
        var idempotency = ("Idempotency-Key", "metrics-" + Guid.NewGuid());
        using var created = await sender.Client.PostJsonAsync("/v1/referrals", body, idempotency);
        var referral = await created.ExpectAsync(HttpStatusCode.Created);
        var id = Scenario.IdOf(referral);
        using var replayed = await sender.Client.PostJsonAsync("/v1/referrals", body, idempotency);
        await replayed.ExpectAsync(HttpStatusCode.Created);
        var overdue = await Scenario.SendReferralAsync(sender, receiver);
        await PastDeadlineAsync(Scenario.IdOf(overdue));
        await Scenario.AcknowledgeAsync(receiver, id, "accepted");
        await Scenario.MoveAsync(receiver, id, "in_progress");
        using var wrongKey = await fx.CreateClient(sender.Key + "x").GetAsync("/v1/me", Http.Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);

        var scrape = await MetricsScrape.UntilAsync(scraper, s =>
            MetricsScrape.Sample(s, "referralapi_referrals_overdue", ("agency_code", receiver.Code)) == 1
            && MetricsScrape.Sample(s, "referralapi_webhook_backlog", ("webhook_subscription_id", subscription)) >= 1
            && MetricsScrape.Sample(s, "referralapi_webhook_deliveries_total", ("webhook_delivery_outcome", "retry_later")) >= 1
            && Grew(before, s, "referralapi_events_written_total", 2 * 4));

        Assert.Equal(1, MetricsScrape.Sample(scrape, "referralapi_referrals_overdue", ("agency_code", receiver.Code)));
        Assert.True(MetricsScrape.Sample(scrape, "referralapi_webhook_backlog", ("webhook_subscription_id", subscription), ("agency_code", receiver.Code)) >= 1, scrape);
        Assert.NotNull(MetricsScrape.Sample(scrape, "referralapi_webhook_oldest_pending_age_seconds", ("webhook_subscription_id", subscription)));
        Assert.True(MetricsScrape.Sample(scrape, "referralapi_webhook_deliveries_total", ("webhook_delivery_outcome", "retry_later")) >= 1, scrape);
        Assert.True(Grew(before, scrape, "referralapi_referrals_created_total", 2, ("referral_urgency", "urgent")), scrape);
        Assert.True(Grew(before, scrape, "referralapi_referrals_transitions_total", 1, ("referral_status", "accepted"), ("referral_urgency", "urgent")), scrape);
        Assert.True(Grew(before, scrape, "referralapi_referrals_transitions_total", 1, ("referral_status", "in_progress")), scrape);
        Assert.True(Grew(before, scrape, "referralapi_idempotency_replays_total", 1), scrape);
        Assert.True(Grew(before, scrape, "referralapi_authentication_failures_total", 1), scrape);
        Assert.True(Grew(before, scrape, "referralapi_events_written_total", 2 * 4), scrape);
        Assert.True(MetricsScrape.Sample(scrape, "http_server_request_duration_seconds_count", ("http_route", "/v1/referrals/")) >= 3, scrape);
        Assert.NotNull(MetricsScrape.Sample(scrape, "dotnet_gc_collections_total"));
        Assert.DoesNotContain(id.ToString(), scrape, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(PersonalValues(sender, receiver), v => scrape.Contains(v, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task CreateTrace_HasTheDatabaseSpansUnderTheRequestSpan_AndNoPersonalData()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();

        var correlationId = "trace-" + Guid.NewGuid().ToString("N");

        using var created = await sender.Client.PostJsonAsync("/v1/referrals", PersonalData.Identified(Scenario.ReferralBody(receiver.Id)), ("X-Correlation-Id", correlationId));
        await created.ExpectAsync(HttpStatusCode.Created);

        var request = await RequestSpanAsync(correlationId);
        Assert.Equal("/v1/referrals/", request.GetTagItem("http.route"));
        var children = fx.Spans.Where(s => s.TraceId == request.TraceId && s.Kind == ActivityKind.Client && IsDatabase(s)).ToList();
        Assert.NotEmpty(children);
        Assert.All(children, span => Assert.True(Descends(span, request), $"{span.DisplayName} is not under the request span"));
        Assert.Contains(children, s => s.DisplayName.Contains("INSERT", StringComparison.OrdinalIgnoreCase)
            || (s.GetTagItem("db.query.text") ?? s.GetTagItem("db.statement"))?.ToString()?.Contains("INSERT", StringComparison.OrdinalIgnoreCase) == true);

        var secrets = PersonalValues(sender, receiver);
        var leaks = fx.Spans.SelectMany(s => s.TagObjects.Select(t => $"{s.DisplayName} {t.Key}={t.Value}").Append(s.DisplayName))
            .Where(text => secrets.Any(v => text.Contains(v, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} span attributes leak:\n{string.Join("\n", leaks.Take(10))}");
    }

    [Theory]
    [InlineData("192.0.2.10")]
    [InlineData("10.10.0.1")]
    [InlineData("2001:db8::1")]
    public async Task Metrics_AreNotFound_FromAnAddressOutsideTheAllowedNetworks(string address)
    {
        using var client = fx.CreateClient(fx.AdminKey);
        client.DefaultRequestHeaders.Add(TelemetryFixture<TEngine>.RemoteAddressHeader, address);

        using var response = await client.GetAsync("/metrics", Http.Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("referralapi_", await response.Content.ReadAsStringAsync(Http.Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.9.200.7")]
    [InlineData("::1")]
    [InlineData("::ffff:10.9.0.1")]
    public async Task Metrics_AreServedWithoutAKey_ToLoopbackAndTheAllowedNetworks(string address)
    {
        using var client = fx.CreateClient();
        client.DefaultRequestHeaders.Add(TelemetryFixture<TEngine>.RemoteAddressHeader, address);

        var scrape = await MetricsScrape.ReadAsync(client);

        Assert.Contains("# TYPE ", scrape, StringComparison.Ordinal);
    }

    private async Task PastDeadlineAsync(Guid referral)
    {
        // The contract refuses a respondBy in the past, so the deadline is moved back directly.
        await using var connection = fx.CreateConnection();
        await connection.OpenAsync(Http.Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE referrals SET respond_by = created_at WHERE id = @id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = fx.Provider == "sqlite" ? referral.ToString() : referral;
        command.Parameters.Add(parameter);
        Assert.Equal(1, await command.ExecuteNonQueryAsync(Http.Ct));
    }

    /// <summary>The server span of the request sent with this correlation id; it ends just after its answer is sent.</summary>
    private async Task<Activity> RequestSpanAsync(string correlationId)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (fx.Spans.FirstOrDefault(s => s.Kind == ActivityKind.Server && s.GetTagItem("correlation.id") as string == correlationId) is { } span)
            {
                return span;
            }

            await Task.Delay(100, Http.Ct);
        }

        throw new Xunit.Sdk.XunitException("No request span for the create arrived.");
    }

    private static bool IsDatabase(Activity span) =>
        span.GetTagItem("db.system") is not null || span.GetTagItem("db.system.name") is not null;

    /// <summary>Walks the parents the captured spans name, up to <paramref name="ancestor"/> or the trace's root.</summary>
    private bool Descends(Activity span, Activity ancestor)
    {
        var spans = fx.Spans.Where(s => s.TraceId == ancestor.TraceId).ToDictionary(s => s.SpanId);
        for (var parent = span.ParentSpanId; parent != default; parent = spans.TryGetValue(parent, out var next) ? next.ParentSpanId : default)
        {
            if (parent == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }

    private static string[] PersonalValues(TestAgency sender, TestAgency receiver) =>
        [.. PersonalData.Values, sender.Key, receiver.Key, sender.Key[13..], receiver.Key[13..]];

    private static bool Grew(string before, string after, string name, double by, params (string Label, string Value)[] labels) =>
        (MetricsScrape.Sample(after, name, labels) ?? 0) - (MetricsScrape.Sample(before, name, labels) ?? 0) >= by;
}

[Collection(TelemetryRunsAlone.Name)]
public sealed class OperationsTests_Sqlite(TelemetryFixture<Sqlite> fx) : OperationsTests<Sqlite>(fx);

[Collection(TelemetryRunsAlone.Name)]
public sealed class OperationsTests_Postgres(TelemetryFixture<Postgres> fx) : OperationsTests<Postgres>(fx);

[Collection(TelemetryRunsAlone.Name)]
public sealed class OperationsTests_SqlServer(TelemetryFixture<SqlServer> fx) : OperationsTests<SqlServer>(fx);
