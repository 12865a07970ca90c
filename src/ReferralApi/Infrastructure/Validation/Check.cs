using System.Text.RegularExpressions;
using ReferralApi.Infrastructure.Errors;

namespace ReferralApi.Infrastructure.Validation;

/// <summary>The field rules shared by every request validator.</summary>
internal static partial class Check
{
    public static bool Required<T>(this ValidationErrors errors, string path, T? value)
    {
        var missing = value is null || (value is string text && string.IsNullOrWhiteSpace(text));
        if (missing)
        {
            errors.Add(path, Messages.Required);
        }

        return !missing;
    }

    public static void MaxLength(this ValidationErrors errors, string path, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            errors.Add(path, Messages.TooLong, max);
        }
    }

    /// <summary>Free text bound into a query: PostgreSQL refuses U+0000 in text, so it is a 400 on every engine.</summary>
    public static void NoNul(this ValidationErrors errors, string path, string? value)
    {
        if (value is not null && value.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add(path, Messages.InvalidValue);
        }
    }

    public static void NotBlank(this ValidationErrors errors, string path, string? value, int max)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            errors.Add(path, Messages.Blank);
        }

        errors.MaxLength(path, value, max);
    }

    /// <summary>
    /// An identifier another system issued (a police report number, a case file number): not blank,
    /// and no whitespace at either end. SQL Server ignores trailing spaces when it compares text,
    /// even under a binary collation, so "LP/1" and "LP/1 " would be one reference there and two on
    /// the other engines; refusing them keeps every engine alike and the references unambiguous.
    /// </summary>
    public static void Reference(this ValidationErrors errors, string path, string? value, int max)
    {
        errors.NotBlank(path, value, max);
        if (!string.IsNullOrWhiteSpace(value) && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])))
        {
            errors.Add(path, Messages.SurroundingWhitespace);
        }
    }

    public static void RegionCode(this ValidationErrors errors, string path, string? value)
    {
        if (value is not null && !RegionCodePattern().IsMatch(value))
        {
            errors.Add(path, Messages.RegionCode);
        }
    }

    /// <summary>
    /// Counts stop at regency or city (<c>61.03</c>): a district or village filter could single out
    /// a person by comparing two reports.
    /// </summary>
    public static void CountableRegionCode(this ValidationErrors errors, string path, string? value)
    {
        if (value is null || !RegionCodePattern().IsMatch(value))
        {
            errors.RegionCode(path, value);
        }
        else if (value.Count(c => c == '.') > 1)
        {
            errors.Add(path, Messages.ReportRegion);
        }
    }

    public static void CodeList<T>(this ValidationErrors errors, string path, IReadOnlyCollection<T>? values, bool required)
    {
        if (values is null || values.Count == 0)
        {
            if (required)
            {
                errors.Add(path, Messages.AtLeastOne);
            }

            return;
        }

        if (values.Distinct().Count() != values.Count)
        {
            errors.Add(path, Messages.NoDuplicates);
        }
    }

    [GeneratedRegex(@"^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionCodePattern();
}
