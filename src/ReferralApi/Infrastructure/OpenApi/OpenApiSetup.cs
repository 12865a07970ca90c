using System.Text.Json;
using Microsoft.OpenApi;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Security.Tokens;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ReferralApi.Infrastructure.OpenApi;

/// <summary>Swashbuckle generates the document at <c>/openapi/v1.json</c> and serves Swagger UI at <c>/swagger</c>.</summary>
internal static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";

    public static WebApplicationBuilder AddOpenApiDocument(this WebApplicationBuilder builder)
    {
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "ReferralApi",
                Version = "v1",
                Description = "Inter-agency referrals of victims of violence against women and of trafficking in West Kalimantan. "
                    + "Errors are application/problem+json (RFC 9457); send Accept-Language: id for Indonesian.",
            });
            SecuritySchemes.Declare(options, builder.Configuration.GetSection(JwtOptions.SectionName).Get<JwtOptions>() ?? new JwtOptions());
            options.SupportNonNullableReferenceTypes();
            options.NonNullableReferenceTypesAsRequired();
            options.OperationFilter<StandardResponsesFilter>();
            options.OperationFilter<ResponseHeadersFilter>();
            options.OperationFilter<QueryParametersFilter>();
            options.OperationFilter<FileBodiesFilter>();
            options.SchemaFilter<ExamplesSchemaFilter>();
            options.SchemaFilter<PropertyPresenceSchemaFilter>();
            options.DocumentFilter<WebhooksDocumentFilter>();
            options.DocumentFilter<RequestSchemasDocumentFilter>();
            options.DocumentFilter<BulkExchangeDocumentFilter>();
            options.DocumentFilter<UnusedSchemasDocumentFilter>();
            options.DocumentFilter<LimitsDocumentFilter>();
        });

        // The schemas are drawn with the serializer options the API itself uses, so codes appear
        // as the strings that travel, not as the enums' integers.
        var json = new JsonSerializerOptions();
        JsonSetup.Configure(json);
        builder.Services.Replace(ServiceDescriptor.Transient<ISerializerDataContractResolver>(_ => new JsonSerializerDataContractResolver(json)));
        return builder;
    }

    /// <summary>
    /// The document under <c>/openapi</c> and its UI under <c>/swagger</c>. Each middleware sits on
    /// a branch of its own path: on the main pipeline every request paid for both matching their
    /// templates (the UI's with a regular expression), about 1 % of a status read's CPU.
    /// </summary>
    public static WebApplication UseOpenApiDocument(this WebApplication app)
    {
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase),
            branch => branch.UseSwagger(o =>
            {
                o.RouteTemplate = "openapi/{documentName}.json";
                o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            }));
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/swagger", StringComparison.OrdinalIgnoreCase),
            branch => branch.UseSwaggerUI(o =>
            {
                o.SwaggerEndpoint(DocumentPath, "ReferralApi v1");
                o.RoutePrefix = "swagger";
            }));
        return app;
    }
}
