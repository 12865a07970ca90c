using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Routing.Patterns;
using ReferralApi.Infrastructure.Errors;

namespace ReferralApi.Infrastructure.Http;

/// <summary>
/// A query parameter a route does not take is a 400 naming it, like an unknown JSON field: a client
/// that misspells <c>cursor</c> must hear about it rather than get the first page again forever.
/// A route takes the handler parameters the framework binds from the query, which are also the
/// ones the OpenAPI document lists, so the two cannot disagree.
/// </summary>
internal static class StrictQueryStrings
{
    private static readonly ConcurrentDictionary<RouteEndpoint, IReadOnlySet<string>> Accepted = new();

    public static WebApplication UseStrictQueryStrings(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (context.Request.Query.Count > 0 && context.GetEndpoint() is RouteEndpoint endpoint)
            {
                var accepted = Accepted.GetOrAdd(endpoint, QueryParametersOf);
                var errors = new ValidationErrors();
                foreach (var name in context.Request.Query.Keys.Where(name => !accepted.Contains(name)).Order(StringComparer.Ordinal))
                {
                    errors.Add(name, Messages.UnknownQueryParameter);
                }

                errors.ThrowIfAny();
            }

            return next(context);
        });
        return app;
    }

    /// <summary>
    /// The parameters minimal APIs bind from the query by default: simple values (strings, numbers,
    /// ids, codes) not named in the route. Services and the request's own objects are complex types.
    /// Binding is case-insensitive, and so is this.
    /// </summary>
    public static IReadOnlySet<string> QueryParametersOf(RouteEndpoint endpoint)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (endpoint.Metadata.GetMetadata<MethodInfo>() is not { } handler)
        {
            return names;
        }

        foreach (var parameter in handler.GetParameters())
        {
            if (parameter.Name is { } name && IsSimple(parameter.ParameterType) && endpoint.RoutePattern.GetParameter(name) is null)
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static bool IsSimple(Type type)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        return plain.IsPrimitive || plain.IsEnum || plain == typeof(string) || plain == typeof(Guid)
            || plain == typeof(decimal) || plain == typeof(DateTimeOffset) || plain == typeof(DateTime) || plain == typeof(DateOnly);
    }
}
