using System.Data.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralApi.Domain;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Idempotency;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Paging;
using ReferralApi.Infrastructure.Security;
using ReferralApi.Infrastructure.Validation;

namespace ReferralApi.Features.Agencies;

internal static class ManageAgencies
{
    public static async Task<Ok<Page<AgencyResponse>>> List(
        ClaimsPrincipal user,
        AgencyStore store,
        string? sector,
        string? regionCode,
        string? service,
        string? capacityStatus,
        string? q,
        string? limit,
        string? cursor,
        CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var sectorCode = QueryCode<Sector>(errors, "sector", sector);
        var serviceCode = QueryCode<Service>(errors, "service", service);
        var capacities = (capacityStatus ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(code => QueryCode<CapacityStatus>(errors, "capacityStatus", code))
            .OfType<CapacityStatus>()
            .ToList();
        errors.RegionCode("regionCode", regionCode);
        errors.MaxLength("q", q, 200);
        errors.NoNul("q", q);
        errors.ThrowIfAny();
        var page = PageRequest.Parse(limit, cursor);

        var filter = new AgencyFilter(sectorCode, regionCode, serviceCode, q, IncludeInactive: Caller.From(user).IsAdmin, capacities);
        var rows = await store.ListAsync(filter, page, ct);
        var items = rows.Take(page.Limit).Select(r => r.ToResponse()).ToList();
        var next = rows.Count > page.Limit ? Cursor.Encode(items[^1].Name, items[^1].Id.ToString()) : null;
        return TypedResults.Ok(new Page<AgencyResponse>(items, next));
    }

    public static async Task<Ok<AgencyResponse>> Get(Guid agencyId, AgencyStore store, CancellationToken ct)
    {
        var row = await store.FindAsync(agencyId, ct) ?? throw ApiProblem.NotFound();
        return TypedResults.Ok(row.ToResponse());
    }

    public static async Task<Created<AgencyResponse>> Create(
        CreateAgencyRequest request,
        HttpContext http,
        ClaimsPrincipal user,
        AgencyStore store,
        IdempotencyKeys idempotency,
        UnitOfWork unit,
        TimeProvider clock,
        CancellationToken ct)
    {
        AgencyValidator.Validate(request);
        await using var claim = await idempotency.ClaimAsync(http, Caller.From(user), request, ct);
        if (claim.Replay is { } replay)
        {
            var first = await store.FindAsync(replay.ResourceId, ct) ?? throw ApiProblem.NotFound();
            return TypedResults.Created($"/v1/agencies/{first.Id}", first.ToResponse());
        }

        var created = await unit.InTransactionAsync(async token =>
        {
            var now = clock.Now();
            var row = new AgencyRow
            {
                Id = Guid.CreateVersion7(),
                Code = request.Code!,
                Name = request.Name!.Trim(),
                Sector = Codes.Of(request.Sector!.Value),
                RegionCode = request.RegionCode!,
                Roles = Codes.ToJsonList(request.Roles!),
                Services = Codes.ToJsonList(request.Services ?? []),
                AcceptsReferrals = request.AcceptsReferrals ?? true,
                CapacityStatus = Codes.Of(request.CapacityStatus ?? CapacityStatus.Open),
                ContactEmail = request.Contact?.Email,
                ContactPhone = request.Contact?.Phone,
                Active = true,
                CreatedAt = now,
                UpdatedAt = now,
            };
            try
            {
                await store.InsertAsync(row, token);
            }
            catch (DbException ex) when (unit.Dialect.IsUniqueViolation(ex))
            {
                throw new ApiProblem(ProblemCodes.DuplicateAgencyCode);
            }

            await claim.CompleteAsync(new IdempotentOutcome(StatusCodes.Status201Created, row.Id), token);
            return row;
        }, ct);

        return TypedResults.Created($"/v1/agencies/{created.Id}", created.ToResponse());
    }

    public static async Task<Ok<AgencyResponse>> Update(
        Guid agencyId,
        UpdateAgencyRequest request,
        AgencyStore store,
        UnitOfWork unit,
        TimeProvider clock,
        CancellationToken ct)
    {
        AgencyValidator.Validate(request);
        var updated = await unit.InTransactionAsync(async token =>
        {
            var row = await store.FindAsync(agencyId, token) ?? throw ApiProblem.NotFound();
            var changed = row with
            {
                Name = request.Name?.Trim() ?? row.Name,
                Sector = request.Sector is { } sector ? Codes.Of(sector) : row.Sector,
                RegionCode = request.RegionCode ?? row.RegionCode,
                Roles = request.Roles is { } roles ? Codes.ToJsonList(roles) : row.Roles,
                Services = request.Services is { } services ? Codes.ToJsonList(services) : row.Services,
                AcceptsReferrals = request.AcceptsReferrals ?? row.AcceptsReferrals,
                CapacityStatus = request.CapacityStatus is { } capacity ? Codes.Of(capacity) : row.CapacityStatus,
                ContactEmail = request.Contact is { } contact ? contact.Email : row.ContactEmail,
                ContactPhone = request.Contact is { } contactPhone ? contactPhone.Phone : row.ContactPhone,
                Active = request.Active ?? row.Active,
                UpdatedAt = clock.Now(),
            };
            await store.UpdateAsync(changed, token);
            return changed;
        }, ct);
        return TypedResults.Ok(updated.ToResponse());
    }

    public static async Task<Ok<MeResponse>> Me(ClaimsPrincipal user, AgencyStore store, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var agency = caller.AgencyId is { } id ? await store.FindAsync(id, ct) : null;
        var roles = caller.Roles.Order(StringComparer.Ordinal).ToList();
        if (!Caller.IsToken(user))
        {
            return TypedResults.Ok(new MeResponse(agency?.ToResponse(), roles, caller.KeyId, null, null));
        }

        var person = caller.Person;
        var scopes = user.FindAll(Caller.ScopeClaim).Select(c => c.Value).Order(StringComparer.Ordinal).ToList();
        return TypedResults.Ok(new MeResponse(agency?.ToResponse(), roles, null, person, scopes));
    }

    private static T? QueryCode<T>(ValidationErrors errors, string name, string? value) where T : struct, Enum
    {
        if (value is null)
        {
            return null;
        }

        if (Codes.TryParse<T>(value, out var code))
        {
            return code;
        }

        errors.Add(name, Messages.UnknownCode, string.Join(", ", Codes.All<T>()));
        return null;
    }
}
