using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralApi.Domain;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Security;
using ReferralApi.Infrastructure.Validation;

namespace ReferralApi.Features.Agencies;

/// <summary>
/// <c>PATCH /v1/me/agency</c>: an agency keeps its own capacity and services current, so senders
/// route to it only while it can help; its name, sector, region and roles stay with the admin.
/// </summary>
internal static class UpdateOwnAgency
{
    public static async Task<Ok<AgencyResponse>> Update(
        UpdateOwnAgencyRequest request, ClaimsPrincipal user, AgencyStore store, UnitOfWork unit, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (request.Services is not null)
        {
            // An empty list would make the agency unreachable without saying so; `closed` says it.
            errors.CodeList("$.services", request.Services, required: true);
        }

        errors.ThrowIfAny();
        var agencyId = Caller.From(user).Agency;
        var updated = await unit.InTransactionAsync(async token =>
        {
            var row = await store.FindAsync(agencyId, token) ?? throw ApiProblem.NotFound();
            var changed = row with
            {
                CapacityStatus = request.CapacityStatus is { } capacity ? Codes.Of(capacity) : row.CapacityStatus,
                Services = request.Services is { } services ? Codes.ToJsonList(services) : row.Services,
                UpdatedAt = clock.Now(),
            };
            await store.UpdateAsync(changed, token);
            return changed;
        }, ct);
        return TypedResults.Ok(updated.ToResponse());
    }
}
