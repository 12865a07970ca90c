using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Input;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Privacy;

/// <summary>
/// Referrals carrying recognisable personal values in every personal field and every free text,
/// taken through a whole life: completed with notes, a hold and an outcome; declined and cancelled
/// with written reasons. Tests then look for the values where they must not be.
/// </summary>
internal static class IdentifiedLife
{
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public const string FullName = "Dayang Kemuning Sebalo";
    public const string NationalId = "6172034509880003";
    public const string BirthDate = "1988-09-05";
    public const string Phone = "+62 813 7070 4242";
    public const string Address = "Jalan Tanjung Raya II Gang Seroja 14, Pontianak Timur";
    public const string SafeContactNotes = "Only call after seven via her aunt Mariam";
    public const string Reason = "Rescued at the Entikong crossing after a contract in Kuching";
    public const string AcknowledgementNote = "Received by duty officer Ibu Ratna Kesuma";
    public const string SenderNote = "The agent of her employer drives a grey Avanza";
    public const string ReceiverNote = "Counselling started at the Mempawah shelter";
    public const string HoldReason = "Waiting for medical records from Sarawak General";
    public const string Outcome = "Returned home to Sambas with family support";
    public const string DeclineReason = "Our Singkawang shelter is under renovation";
    public const string CancelReason = "She moved in with relatives in Ketapang";
    public const string WithdrawalNote = "Her brother Anwar phoned to withdraw her consent";

    /// <summary>Every value; the acknowledgement's note is stored but no route returns it, the withdrawal's only to its author once.</summary>
    public static readonly string[] All =
    [
        FullName, NationalId, BirthDate, Phone, Address, SafeContactNotes, Reason, AcknowledgementNote, SenderNote,
        ReceiverNote, HoldReason, Outcome, DeclineReason, CancelReason, WithdrawalNote,
    ];

    public static readonly string[] Returned = [.. All.Where(v => v is not AcknowledgementNote and not WithdrawalNote)];

    public static JsonObject Body(Guid to) => Scenario.ReferralBody(to)
        .Set("subject.fullName", FullName).Set("subject.nationalId", NationalId).Set("subject.birthDate", BirthDate)
        .Set("subject.phone", Phone).Set("subject.address", Address).Set("subject.safeContact.notes", SafeContactNotes)
        .Set("reason", Reason);

    /// <summary>Sent, received with a note, accepted, noted by both sides, held, resumed and completed.</summary>
    public static async Task<Guid> CompletedAsync(TestAgency sender, TestAgency receiver)
    {
        var id = await SendAsync(sender, receiver);
        await PostOkAsync(receiver, $"/v1/referrals/{id}/acknowledgement", new JsonObject { ["decision"] = "received", ["note"] = AcknowledgementNote });
        await Scenario.AcknowledgeAsync(receiver, id, "accepted");
        await NoteAsync(sender, id, SenderNote);
        await NoteAsync(receiver, id, ReceiverNote);
        await PostOkAsync(receiver, $"/v1/referrals/{id}/status", new JsonObject { ["status"] = "on_hold", ["reasonCode"] = "other", ["reason"] = HoldReason });
        await Scenario.MoveAsync(receiver, id, "in_progress");
        await PostOkAsync(receiver, $"/v1/referrals/{id}/status", new JsonObject { ["status"] = "completed", ["outcome"] = Outcome });
        return id;
    }

    public static async Task<Guid> DeclinedAsync(TestAgency sender, TestAgency receiver)
    {
        var id = await SendAsync(sender, receiver);
        await PostOkAsync(receiver, $"/v1/referrals/{id}/acknowledgement", new JsonObject { ["decision"] = "declined", ["reasonCode"] = "other", ["reason"] = DeclineReason });
        return id;
    }

    public static async Task<Guid> CancelledAsync(TestAgency sender, TestAgency receiver)
    {
        var id = await SendAsync(sender, receiver);
        await PostOkAsync(sender, $"/v1/referrals/{id}/status", new JsonObject { ["status"] = "cancelled", ["reasonCode"] = "other", ["reason"] = CancelReason });
        return id;
    }

    /// <summary>Sent, then cancelled by the sender recording that the subject withdrew consent.</summary>
    public static async Task<Guid> WithdrawnAsync(TestAgency sender, TestAgency receiver)
    {
        var id = await SendAsync(sender, receiver);
        var body = new JsonObject { ["recordedAt"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture), ["note"] = WithdrawalNote };
        using var response = await sender.Client.PostJsonAsync($"/v1/referrals/{id}/consent-withdrawal", body);
        Assert.Equal(WithdrawalNote, (string?)(await response.ExpectAsync(HttpStatusCode.OK))["note"]);
        return id;
    }

    public static async Task<Guid> SendAsync(TestAgency sender, TestAgency receiver)
    {
        using var response = await sender.Client.PostJsonAsync("/v1/referrals", Body(receiver.Id));
        return Scenario.IdOf(await response.ExpectAsync(HttpStatusCode.Created));
    }

    public static async Task NoteAsync(TestAgency author, Guid id, string text)
    {
        using var response = await author.Client.PostJsonAsync($"/v1/referrals/{id}/notes", new JsonObject { ["text"] = text });
        await response.ExpectAsync(HttpStatusCode.Created);
    }

    /// <summary>Everything both parties can read about the referral, as one JSON text.</summary>
    public static async Task<string> EverythingVisibleAsync(HttpClient client, Guid id)
    {
        var parts = new JsonArray();
        foreach (var url in new[] { $"/v1/referrals/{id}", $"/v1/referrals/{id}/status", $"/v1/referrals/{id}/notes" })
        {
            using var response = await client.GetAsync(url, Http.Ct);
            parts.Add(await response.ExpectAsync(HttpStatusCode.OK));
        }

        return parts.ToJsonString(Unescaped);
    }

    private static async Task PostOkAsync(TestAgency party, string url, JsonObject body)
    {
        using var response = await party.Client.PostJsonAsync(url, body);
        await response.ExpectAsync(HttpStatusCode.OK);
    }
}
