namespace ReferralApi.Features.Vocabularies;

internal static partial class VocabularyCatalog
{
    // Kemendagri codes, not the statistics bureau's (BPS), which number the same regions differently.
    private static readonly RegionVocabularyEntry[] Regions = Checked(
    [
        Region("61", "Provinsi Kalimantan Barat", "West Kalimantan Province"),
        Region("61.01", "Kabupaten Sambas", "Sambas Regency"),
        Region("61.02", "Kabupaten Mempawah", "Mempawah Regency"),
        Region("61.03", "Kabupaten Sanggau", "Sanggau Regency"),
        Region("61.04", "Kabupaten Ketapang", "Ketapang Regency"),
        Region("61.05", "Kabupaten Sintang", "Sintang Regency"),
        Region("61.06", "Kabupaten Kapuas Hulu", "Kapuas Hulu Regency"),
        Region("61.07", "Kabupaten Bengkayang", "Bengkayang Regency"),
        Region("61.08", "Kabupaten Landak", "Landak Regency"),
        Region("61.09", "Kabupaten Sekadau", "Sekadau Regency"),
        Region("61.10", "Kabupaten Melawi", "Melawi Regency"),
        Region("61.11", "Kabupaten Kayong Utara", "North Kayong Regency"),
        Region("61.12", "Kabupaten Kubu Raya", "Kubu Raya Regency"),
        Region("61.71", "Kota Pontianak", "Pontianak City"),
        Region("61.72", "Kota Singkawang", "Singkawang City"),
    ]);

    private static RegionVocabularyEntry Region(string code, string id, string en)
    {
        var dot = code.LastIndexOf('.');
        return new RegionVocabularyEntry(code, new VocabularyLabels(id, en), dot < 0 ? null : code[..dot]);
    }

    private static RegionVocabularyEntry[] Checked(RegionVocabularyEntry[] regions)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var region in regions)
        {
            if (!codes.Add(region.Code))
            {
                throw new InvalidOperationException($"Region {region.Code} is listed twice.");
            }

            if (region.ParentCode is not null && !codes.Contains(region.ParentCode))
            {
                throw new InvalidOperationException($"Region {region.Code} is listed before or without its parent.");
            }
        }

        return regions;
    }
}
