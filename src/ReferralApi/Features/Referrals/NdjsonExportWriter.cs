using System.Buffers;
using System.Text.Json;

namespace ReferralApi.Features.Referrals;

/// <summary>
/// One referral per line in the shape of <c>GET /v1/referrals/{id}</c>, then one trailer line
/// <c>{"nextUpdatedAfter": "...", "count": N}</c>: a line without <c>id</c> is the trailer, and a
/// body without it was cut short.
/// </summary>
internal sealed class NdjsonExportWriter(HttpResponse response, JsonSerializerOptions options) : ReferralExportWriter
{
    private static readonly byte[] NewLine = [(byte)'\n'];

    private readonly Utf8JsonWriter json = new(response.BodyWriter, new JsonWriterOptions { SkipValidation = true });

    public override void Write(ReferralResponse referral)
    {
        JsonSerializer.Serialize(json, referral, options);
        EndLine();
    }

    public override async Task FlushAsync(CancellationToken ct) => await response.BodyWriter.FlushAsync(ct);

    public override async Task CompleteAsync(DateTimeOffset nextUpdatedAfter, int count, CancellationToken ct)
    {
        JsonSerializer.Serialize(json, new ReferralExportTrailer(nextUpdatedAfter, count), options);
        EndLine();
        await FlushAsync(ct);
    }

    public override ValueTask DisposeAsync() => json.DisposeAsync();

    private void EndLine()
    {
        json.Flush();
        response.BodyWriter.Write(NewLine);
        json.Reset(response.BodyWriter);
    }
}
