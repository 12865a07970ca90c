using System.Globalization;
using ReferralApi.Domain;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Validation;

namespace ReferralApi.Features.Reports;

/// <summary>
/// The query of <c>GET /v1/reports/summary</c>. <c>from</c> and <c>to</c> take a date (a whole UTC
/// day: <c>to=2026-11-30</c> includes the 30th) or an RFC 3339 instant (<c>to</c> then exclusive);
/// <c>to</c> defaults to now and <c>from</c> to the beginning.
/// </summary>
internal static class ReportRequest
{
    public const int MaxMonths = 120;

    public static (DateTimeOffset? From, DateTimeOffset To, Sector? Sector, bool ByMonth) Parse(
        string? from, string? to, string? regionCode, string? sector, string? groupBy, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var start = Bound(errors, "from", from, endOfDay: false);
        var end = Bound(errors, "to", to, endOfDay: true) ?? now;
        errors.RegionCode("regionCode", regionCode);
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
        else if (groupBy == "month" && start is { } earliest && earliest.AddMonths(MaxMonths) < end)
        {
            errors.Add("from", Messages.MonthSpan, MaxMonths);
        }

        errors.ThrowIfAny();
        return (start, end, sectorCode, groupBy == "month");
    }

    private static DateTimeOffset? Bound(ValidationErrors errors, string name, string? value, bool endOfDay)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? midnight.AddDays(1) : midnight;
        }

        // An instant must say its offset, as everywhere in the API.
        if (value.Length > 10 && (value.EndsWith('Z') || value.EndsWith('z') || value[10..].Contains('+', StringComparison.Ordinal) || value.LastIndexOf('-') > 10)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return Instant.Normalize(instant);
        }

        errors.Add(name, Messages.DateOrInstant);
        return null;
    }
}
