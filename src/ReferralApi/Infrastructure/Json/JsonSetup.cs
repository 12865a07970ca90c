using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReferralApi.Infrastructure.Json;

internal static class JsonSetup
{
    /// <summary>Strict input: unknown fields, numbers in strings, unknown codes and NUL characters are errors.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.AllowTrailingCommas = false;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new StrictEnumConverterFactory());
        options.Converters.Add(new Rfc3339InstantConverter());
        options.Converters.Add(new NulFreeStringConverter());
    }

    public static WebApplicationBuilder AddStrictJson(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));
        // Binding failures must reach the problem handler instead of becoming an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return builder;
    }
}
