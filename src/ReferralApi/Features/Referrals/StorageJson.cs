using System.Text.Json;
using ReferralApi.Infrastructure.Json;

namespace ReferralApi.Features.Referrals;

/// <summary>The JSON form of structured, non-personal columns: the same codes as on the wire.</summary>
internal static class StorageJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.Configure(options);
        return options;
    }
}
