using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Privacy;

/// <summary>
/// Once retention erased a referral's personal data, no new note may be added, and a note that
/// slipped in while the erasure committed is removed by the next pass.
/// </summary>
public abstract class NotesAfterErasureTests<TEngine>(RetentionFixture<TEngine> fx) : IClassFixture<RetentionFixture<TEngine>>
    where TEngine : IEngine
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays((5 * 365) + 2);

    [Fact]
    public async Task AfterErasure_NewNotesAre409_AndALateNoteIsPurgedByTheNextPass()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var erased = await IdentifiedLife.DeclinedAsync(sender, receiver);
        await fx.AdvanceAsync(Retention, sender, receiver);
        await fx.RunRetentionPassAsync();

        using var refused = await receiver.Client.PostJsonAsync($"/v1/referrals/{erased}/notes", new JsonObject { ["text"] = "Court date is 3 March." });
        await refused.ExpectProblemAsync(HttpStatusCode.Conflict, "personal-data-erased");
        Assert.Equal(0, await NoteCountAsync(erased));

        // A note committed just after the erasure, as a request racing the job could. The host's own
        // retention worker may purge it before the count below, so the insert itself is what is checked.
        await using (var connection = fx.CreateConnection())
        {
            var inserted = await connection.ExecuteAsync(
                "INSERT INTO referral_notes (id, referral_id, author_agency_id, text, created_at) VALUES (@Id, @ReferralId, @Author, @Text, @At)",
                new { Id = Guid.CreateVersion7(), ReferralId = erased, Author = receiver.Id, Text = "late", At = fx.Clock.GetUtcNow() });
            Assert.Equal(1, inserted);
        }

        await fx.RunRetentionPassAsync();
        Assert.Equal(0, await NoteCountAsync(erased));
    }

    [Fact]
    public async Task BeforeErasure_NotesAreStillAdded_EvenOnAFinishedReferral()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var declined = await IdentifiedLife.DeclinedAsync(sender, receiver);

        using var added = await sender.Client.PostJsonAsync($"/v1/referrals/{declined}/notes", new JsonObject { ["text"] = "Referred elsewhere." });

        await added.ExpectAsync(HttpStatusCode.Created);
        await fx.RunRetentionPassAsync();
        Assert.Equal(1, await NoteCountAsync(declined));
    }

    private async Task<long> NoteCountAsync(Guid referral)
    {
        await using var connection = fx.CreateConnection();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM referral_notes WHERE referral_id = @Id", new { Id = referral });
    }
}

public sealed class NotesAfterErasureTests_Sqlite(RetentionFixture<Sqlite> fx) : NotesAfterErasureTests<Sqlite>(fx);

public sealed class NotesAfterErasureTests_Postgres(RetentionFixture<Postgres> fx) : NotesAfterErasureTests<Postgres>(fx);

public sealed class NotesAfterErasureTests_SqlServer(RetentionFixture<SqlServer> fx) : NotesAfterErasureTests<SqlServer>(fx);
