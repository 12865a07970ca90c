using CsvHelper;

namespace ReferralApi.Features.Referrals;

/// <summary>RFC 4180 CSV, UTF-8 without a byte-order mark, CRLF, a header row; columns in <see cref="ReferralCsvColumns"/>.</summary>
internal sealed class CsvExportWriter : ReferralExportWriter
{
    private readonly CsvWriter csv;
    private readonly IReadOnlyList<ReferralCsvColumns.Column> columns;
    private readonly List<ReferralResponse> pending = [];

    public CsvExportWriter(HttpResponse response, bool withIndonesianLabels)
    {
        csv = CsvWriter.Create(response.Body, CsvWriterOptions.Default, leaveOpen: true);
        columns = withIndonesianLabels ? [.. ReferralCsvColumns.Codes, .. ReferralCsvColumns.IndonesianLabels] : ReferralCsvColumns.Codes;
    }

    /// <summary>Kept until <see cref="FlushAsync"/>: the writer writes to the response asynchronously only.</summary>
    public override void Write(ReferralResponse referral) => pending.Add(referral);

    public override async Task FlushAsync(CancellationToken ct)
    {
        if (!headerWritten)
        {
            foreach (var column in columns)
            {
                csv.WriteField(column.Name);
            }

            await csv.EndRecordAsync(ct);
            headerWritten = true;
        }

        foreach (var referral in pending)
        {
            foreach (var column in columns)
            {
                csv.WriteField(column.Value(referral) ?? string.Empty);
            }

            await csv.EndRecordAsync(ct);
        }

        pending.Clear();
        await csv.FlushAsync(ct);
    }

    public override Task CompleteAsync(DateTimeOffset nextUpdatedAfter, int count, CancellationToken ct) => FlushAsync(ct);

    public override ValueTask DisposeAsync() => csv.DisposeAsync();

    private bool headerWritten;
}
