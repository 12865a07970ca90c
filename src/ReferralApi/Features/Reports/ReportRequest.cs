using System.Globalization;
using ReferralApi.Domain;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Validation;

namespace ReferralApi.Features.Reports;

/// <summary>
/// The query of <c>GET /v1/reports/summary</c>. <c>from</c> and <c>to</c> take a date (a whole WIB
/// day: <c>to=2026-11-30</c> includes the 30th) or an RFC 3339 instant, which is widened to whole
/// WIB days (<c>from</c> down, <c>to</c> up), so two reports cannot be cut a second apart to
/// single out one referral. <c>to</c> defaults to the end of today and <c>from</c> to the
/// beginning. Regions stop at regency or city level, for the same reason.
/// </summary>
internal static class ReportRequest
{
    public const int MaxMonths = 120;
    private static readonly DateOnly Earliest = new(2000, 1, 1);

    public static (DateTimeOffset? From, DateTimeOffset To, Sector? Sector, bool ByMonth) Parse(
        string? from, string? to, string? regionCode, string? sector, string? groupBy, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var latest = Wib.DayOf(now).AddDays(1);
        var start = Bound(errors, "from", from, endOfDay: false, latest);
        var end = Bound(errors, "to", to, endOfDay: true, latest) ?? Wib.Ceiling(now);
        errors.CountableRegionCode("regionCode", regionCode);

        Sector? sectorCode = null;
        if (sector is not null)
        {
            if (Codes.TryParse<Sector>(sector, out var parsed))
            {
                sectorCode = parsed;
            }
            else
            {
                errors.Add("sector", Messages.UnknownCode, string.Join(", ", Codes.All<Sector>()));
            }
        }

        if (groupBy is not null and not "month")
        {
            errors.Add("groupBy", Messages.UnknownCode, "month");
        }

        if (start is { } first && first >= end)
        {
            errors.Add("from", Messages.PeriodOrder);
        }
        else if (groupBy == "month" && start is { } earliest && Wib.MonthCount(earliest, end.AddTicks(-1)) > MaxMonths)
        {
            errors.Add("from", Messages.MonthSpan, MaxMonths);
        }

        errors.ThrowIfAny();
        return (start, end, sectorCode, groupBy == "month");
    }

    /// <summary>A monthly series without <c>from</c> starts at the first month with data; it is capped all the same.</summary>
    public static void CheckSeriesSpan(DateTimeOffset first, DateTimeOffset end)
    {
        if (Wib.MonthCount(first, end.AddTicks(-1)) > MaxMonths)
        {
            var errors = new ValidationErrors();
            errors.Add("from", Messages.MonthSpan, MaxMonths);
            errors.ThrowIfAny();
        }
    }

    private static DateTimeOffset? Bound(ValidationErrors errors, string name, string? value, bool endOfDay, DateOnly latest)
    {
        if (value is null)
        {
            return null;
        }

        DateOnly day;
        DateTimeOffset? exact = null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            day = date;
        }
        else if (value.Length > 10 && (value.EndsWith('Z') || value.EndsWith('z') || value[10..].Contains('+', StringComparison.Ordinal) || value.LastIndexOf('-') > 10)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            && instant.UtcDateTime.Year is > 1 and < 9999)
        {
            // An instant must say its offset, as everywhere in the API.
            exact = Instant.Normalize(instant);
            day = Wib.DayOf(exact.Value);
        }
        else
        {
            errors.Add(name, Messages.DateOrInstant);
            return null;
        }

        if (day < Earliest || day > latest)
        {
            errors.Add(name, Messages.ReportDay, Earliest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            return null;
        }

        return exact is { } at
            ? endOfDay ? Wib.Ceiling(at) : Wib.Floor(at)
            : Wib.StartOf(endOfDay ? day.AddDays(1) : day);
    }
}
