namespace ReferralApi.Infrastructure.Errors;

internal static class ErrorHandlingSetup
{
    public static WebApplicationBuilder AddProblemAnswers(this WebApplicationBuilder builder)
    {
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddProblemDetails();
        return builder;
    }

    /// <summary>
    /// Exceptions and bare error statuses from routing and authentication (404, 405, ...) all
    /// leave as problem+json.
    /// </summary>
    public static WebApplication UseProblemAnswers(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(context =>
        {
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            var code = ProblemCatalog.CodeForStatus(status);
            var detail = status == StatusCodes.Status404NotFound ? Messages.Format(Messages.NotFoundDetail, http.PreferredLanguage()) : null;
            return ProblemWriter.WriteAsync(http, ProblemWriter.Create(http, code, status, detail));
        });
        return app;
    }
}
