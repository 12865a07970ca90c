using Microsoft.Extensions.Options;
using ReferralApi.Features.AccessLog;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Security;
using ReferralApi.Infrastructure.Telemetry;

namespace ReferralApi.Features.Referrals;

/// <summary>
/// Judges and sends the items of a batch, each with the rules of a single create
/// (<see cref="ReferralCreation"/>), and answers one result per item. An item whose
/// externalReference the sender already used answers the referral sent then (<c>replayed</c>)
/// when it asks for the same thing, and 409 otherwise; so re-sending a whole file creates nothing twice.
/// </summary>
internal sealed class ReferralBatch(
    UnitOfWork unit, ReferralCreation creation, AccessRecorder recorder, IOptions<ReferralBatchOptions> options, TimeProvider clock)
{
    public async Task<IReadOnlyList<ReferralBatchResult>> RunAsync(HttpContext http, Caller caller, IReadOnlyList<BatchItem> items, CancellationToken ct)
    {
        var results = new ReferralBatchResult[items.Count];
        var judged = Judge(http, caller, items, results);
        var earlier = await creation.Writers.Referrals.FindSentByExternalReferencesAsync(
            caller.Agency, [.. judged.Select(item => Reference(item)).Distinct(StringComparer.Ordinal)], ct);

        var replayed = new List<Guid>();
        var fresh = new List<BatchItem>();
        var firstWithReference = new Dictionary<string, BatchItem>(StringComparer.Ordinal);
        var repeats = new List<(BatchItem Item, BatchItem First)>();
        foreach (var item in judged)
        {
            if (earlier.TryGetValue(Reference(item), out var sent))
            {
                var same = ReferralRowMapping.CameFrom(sent, item.Request!);
                results[item.Index] = same ? Replayed(item.Index, sent.Id) : Refused(http, item.Index, new ApiProblem(ProblemCodes.DuplicateExternalReference));
                if (same)
                {
                    replayed.Add(sent.Id);
                }
            }
            else if (firstWithReference.TryGetValue(Reference(item), out var first))
            {
                repeats.Add((item, first));
            }
            else
            {
                firstWithReference[Reference(item)] = item;
                fresh.Add(item);
            }
        }

        foreach (var chunk in fresh.Chunk(Math.Max(1, options.Value.ItemsPerTransaction)))
        {
            await CreateAsync(http, caller, chunk, results, ct);
        }

        // A reference repeated inside the file is judged against its first line, as a re-sent file would be.
        foreach (var (item, first) in repeats)
        {
            var same = results[first.Index] is { Status: StatusCodes.Status201Created, Id: { } id } && SameRequest(item, first);
            results[item.Index] = same ? Replayed(item.Index, results[first.Index].Id!.Value) : Refused(http, item.Index, new ApiProblem(ProblemCodes.DuplicateExternalReference));
            if (same)
            {
                replayed.Add(results[first.Index].Id!.Value);
            }
        }

        await recorder.RecordReadAsync(http, AccessActions.Replayed(AccessActions.Create), replayed, ct);
        return results;
    }

    /// <summary>The rules without the database; returns the items that pass, in order, and fills in the others' results.</summary>
    private List<BatchItem> Judge(HttpContext http, Caller caller, IReadOnlyList<BatchItem> items, ReferralBatchResult[] results)
    {
        var now = clock.Now();
        var passed = new List<BatchItem>();
        foreach (var item in items)
        {
            try
            {
                if (item.Problem is { } unreadable)
                {
                    throw unreadable;
                }

                JudgeItem(item.Request!, caller, now);
                passed.Add(item);
            }
            catch (ApiProblem problem)
            {
                results[item.Index] = Refused(http, item.Index, problem);
            }
        }

        return passed;
    }

    /// <summary>A single create's rules, plus externalReference, which a batch requires: its field error joins the others.</summary>
    private static void JudgeItem(CreateReferralRequest request, Caller caller, DateTimeOffset now)
    {
        var missingReference = string.IsNullOrEmpty(request.ExternalReference);
        try
        {
            ReferralCreation.Judge(request, caller, now);
        }
        catch (ApiProblem problem) when (missingReference && problem.Errors is { } errors)
        {
            throw new ApiProblem(ProblemCodes.ValidationFailed)
            {
                Errors = new Dictionary<string, List<LocalizedText>>(errors, StringComparer.Ordinal)
                {
                    ["$.externalReference"] = [new LocalizedText(Messages.Required)],
                },
            };
        }

        if (missingReference)
        {
            throw ApiProblem.Validation("$.externalReference", Messages.Required);
        }
    }

    /// <summary>
    /// Sends a chunk in one transaction. An item refused by a rule is refused before it writes
    /// anything, so the others still commit; an insert that collides with a concurrent send of the
    /// same reference spoils the transaction (PostgreSQL aborts it), so the chunk is re-run item by item.
    /// </summary>
    private async Task CreateAsync(HttpContext http, Caller caller, BatchItem[] chunk, ReferralBatchResult[] results, CancellationToken ct)
    {
        List<(BatchItem Item, ReferralRow Row)> created;
        List<(BatchItem Item, ApiProblem Problem)> refused;
        try
        {
            (created, refused) = await unit.InTransactionAsync(async token =>
            {
                var made = new List<(BatchItem, ReferralRow)>();
                var declined = new List<(BatchItem, ApiProblem)>();
                foreach (var item in chunk)
                {
                    try
                    {
                        made.Add((item, (await creation.InsertAsync(item.Request!, caller, token)).Created));
                    }
                    catch (ApiProblem problem) when (problem.Code != ProblemCodes.DuplicateExternalReference)
                    {
                        declined.Add((item, problem));
                    }
                }

                await recorder.RecordChangeAsync(http, AccessActions.Create, [.. made.Select(m => m.Item2.Id)], token);
                return (made, declined);
            }, ct);
        }
        catch (ApiProblem problem) when (problem.Code == ProblemCodes.DuplicateExternalReference)
        {
            if (chunk.Length == 1)
            {
                results[chunk[0].Index] = Refused(http, chunk[0].Index, problem);
                return;
            }

            foreach (var item in chunk)
            {
                await CreateAsync(http, caller, [item], results, ct);
            }

            return;
        }

        var metrics = http.RequestServices.GetService<ReferralMetrics>();
        foreach (var (item, row) in created)
        {
            metrics?.ReferralCreated(row.Urgency);
            results[item.Index] = new ReferralBatchResult(item.Index, StatusCodes.Status201Created, row.Id, null, null);
        }

        foreach (var (item, problem) in refused)
        {
            results[item.Index] = Refused(http, item.Index, problem);
        }
    }

    private static string Reference(BatchItem item) => item.Request!.ExternalReference!;

    private static bool SameRequest(BatchItem item, BatchItem first) =>
        ReferralBatchReader.Canonical(item.Request!) == ReferralBatchReader.Canonical(first.Request!);

    private static ReferralBatchResult Replayed(int index, Guid id) => new(index, StatusCodes.Status201Created, id, true, null);

    private static ReferralBatchResult Refused(HttpContext http, int index, ApiProblem problem) =>
        new(index, problem.Status, null, null, ProblemWriter.Build(http, problem));
}
