using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralApi.Features.Referrals;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Http;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Reports;

/// <summary>
/// <c>GET /v1/reports/simfoni?year&amp;month</c>: one WIB calendar month in SIMFONI-PPA's categories,
/// one victim per case. The month's referrals are streamed case by case and each case is folded into
/// one <see cref="SimfoniVictim"/> as soon as its last referral is read, so one case's rows are held at a time.
/// </summary>
internal static class ReadSimfoniReport
{
    private const int EarliestYear = 2000;

    public static async Task<Results<Ok<SimfoniReportResponse>, ContentHttpResult>> Handle(
        HttpContext http, ClaimsPrincipal user, UnitOfWork unit, ReferralStore referrals, TimeProvider clock, string? year, string? month, CancellationToken ct)
    {
        var now = clock.Now();
        var (y, m) = Parse(year, month, Wib.DayOf(now).Year + 1);
        var from = Wib.StartOf(new DateOnly(y, m, 1));
        var to = Wib.StartOf(new DateOnly(y, m, 1).AddMonths(1));
        var caller = Caller.From(user);
        var everything = caller.Roles.Contains(Roles.Oversight);

        var victims = await unit.ReadAsync(async token =>
        {
            var folded = new List<SimfoniVictim>();
            var chain = new List<SimfoniReferral>();
            await foreach (var referral in referrals.SimfoniMonthAsync(everything ? null : caller.Agency, from, to, token))
            {
                if (chain.Count > 0 && chain[0].CaseId != referral.CaseId)
                {
                    folded.Add(SimfoniVictim.Of(chain));
                    chain.Clear();
                }

                chain.Add(referral);
            }

            if (chain.Count > 0)
            {
                folded.Add(SimfoniVictim.Of(chain));
            }

            return folded;
        }, ct);

        var report = SimfoniReportBuilder.Build(everything ? "all" : "own", y, m, from, to, now, victims);
        return MediaTypeChoice.Preferred(http.Request, "application/json", ReportCsv.MediaType) == ReportCsv.MediaType
            ? TypedResults.Text(SimfoniCsv.Write(report), ReportCsv.MediaType, Encoding.UTF8)
            : TypedResults.Ok(report);
    }

    private static (int Year, int Month) Parse(string? year, string? month, int latestYear)
    {
        var errors = new ValidationErrors();
        var y = Number(errors, "year", year, EarliestYear, latestYear);
        var m = Number(errors, "month", month, 1, 12);
        errors.ThrowIfAny();
        return (y, m);
    }

    private static int Number(ValidationErrors errors, string name, string? value, int min, int max)
    {
        if (value is null)
        {
            errors.Add(name, Messages.Required);
            return 0;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            errors.Add(name, Messages.Range, min, max);
        }

        return number;
    }
}
