using System.Globalization;

namespace ReferralApi.Features.Reports;

/// <summary>
/// Western Indonesia Time (UTC+7, no daylight saving), the time of West Kalimantan: reports count
/// whole days and calendar months as the agencies live them, not as UTC cuts them.
/// </summary>
internal static class Wib
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>Midnight WIB starting <paramref name="day"/>, as a UTC instant.</summary>
    public static DateTimeOffset StartOf(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();

    /// <summary>The WIB day an instant falls on.</summary>
    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The last WIB midnight at or before <paramref name="instant"/>.</summary>
    public static DateTimeOffset Floor(DateTimeOffset instant) => StartOf(DayOf(instant));

    /// <summary>The first WIB midnight at or after <paramref name="instant"/>.</summary>
    public static DateTimeOffset Ceiling(DateTimeOffset instant) =>
        Floor(instant) == instant ? instant : StartOf(DayOf(instant).AddDays(1));

    /// <summary>The WIB calendar month (yyyy-MM) an instant falls in.</summary>
    public static string MonthOf(DateTimeOffset instant) =>
        instant.ToOffset(Offset).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The WIB months (yyyy-MM) from the one holding <paramref name="first"/> to the one holding <paramref name="last"/>.</summary>
    public static List<string> MonthsBetween(DateTimeOffset first, DateTimeOffset last)
    {
        var start = first.ToOffset(Offset);
        var end = last.ToOffset(Offset);
        var months = new List<string>();
        for (var month = new DateTime(start.Year, start.Month, 1, 0, 0, 0, DateTimeKind.Unspecified); month <= end.DateTime; month = month.AddMonths(1))
        {
            months.Add(month.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        }

        return months;
    }

    /// <summary>How many WIB months the series from <paramref name="first"/> to <paramref name="last"/> holds.</summary>
    public static int MonthCount(DateTimeOffset first, DateTimeOffset last)
    {
        var start = first.ToOffset(Offset);
        var end = last.ToOffset(Offset);
        return ((end.Year - start.Year) * 12) + end.Month - start.Month + 1;
    }
}
