using ReferralApi.Domain;
using ReferralApi.Features.Vocabularies;

namespace ReferralApi.Features.Reports;

/// <summary>Counts victims into SIMFONI-PPA's categories and suppresses small cells as the summary report does.</summary>
internal static class SimfoniReportBuilder
{
    /// <summary>Where the categories come from; the full column layout and counting rules are in the README.</summary>
    public const string Source = "SIMFONI-PPA (Sistem Informasi Online Perlindungan Perempuan dan Anak), KemenPPPA; categories through the simfoni mapping of GET /v1/vocabularies.";

    public static SimfoniReportResponse Build(string scope, int year, int month, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, IReadOnlyList<SimfoniVictim> victims)
    {
        long total = victims.Count;
        var hideTotal = false;

        // One victim has one sex, one age group and one place: those cells add up to the total.
        List<ReportCodeCount> Partition(IReadOnlyList<string> categories, Func<SimfoniVictim, string> categoryOf)
        {
            var cells = categories.Select(c => (long)victims.Count(v => categoryOf(v) == c)).ToList();
            var suppression = SmallCells.ForPartition(cells, total);
            hideTotal |= suppression.HideTotal;
            return [.. categories.Select((c, i) => new ReportCodeCount(c, suppression.Hidden[i] ? null : (int)cells[i], suppression.Hidden[i]))];
        }

        // A victim may have suffered several forms and received several services: those need only the 1-4 rule.
        List<ReportCodeCount> Listed(IReadOnlyList<string> categories, Func<SimfoniVictim, IReadOnlySet<string>> categoriesOf) =>
            [.. categories.Select(c =>
            {
                long count = victims.Count(v => categoriesOf(v).Contains(c));
                return new ReportCodeCount(c, SmallCells.IsSmall(count) ? null : (int)count, SmallCells.IsSmall(count));
            })];

        var bySex = Partition([.. Enum.GetValues<Sex>().Select(s => VocabularyCatalog.LabelsOf(s).Id)], v => v.Sex);
        var byAge = Partition([.. SimfoniVictim.AgeGroups.Select(g => g.Name), SimfoniVictim.Unknown], v => v.AgeGroup);
        var byPlace = Partition([.. VocabularyCatalog.SimfoniPlaceCategories, SimfoniVictim.Unknown], v => v.Place);
        var hidden = SmallCells.IsSmall(total) || hideTotal;
        return new SimfoniReportResponse(
            scope, year, month, from, to, now, SmallCells.Threshold, Source,
            new ReportCount(hidden ? null : (int)total, hidden),
            Listed(VocabularyCatalog.SimfoniViolenceCategories, v => v.ViolenceForms),
            byPlace,
            byAge,
            bySex,
            Listed(VocabularyCatalog.SimfoniServiceCategories, v => v.ServicesGiven));
    }
}
