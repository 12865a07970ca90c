namespace ReferralApi.Infrastructure.Errors;

/// <summary>Every problem code the API answers with, its status and its title in both languages.</summary>
internal static class ProblemCatalog
{
    public sealed record Entry(int Status, string English, string Indonesian);

    public static readonly IReadOnlyDictionary<string, Entry> Entries = new Dictionary<string, Entry>
    {
        [ProblemCodes.ValidationFailed] = new(400, "The request is not valid.", "Permintaan tidak valid."),
        [ProblemCodes.Unauthorized] = new(401, "A valid API key or token is required.", "Diperlukan kunci API atau token yang valid."),
        [ProblemCodes.Forbidden] = new(403, "Your key's or token's role or scope does not allow this.", "Peran atau cakupan kunci atau token Anda tidak mengizinkan tindakan ini."),
        [ProblemCodes.NotPermitted] = new(403, "Only the other party to this referral may do this.", "Hanya pihak lain dalam rujukan ini yang boleh melakukan ini."),
        [ProblemCodes.LegalHoldNotYours] = new(403, "Only the agency that set this legal hold, or the admin, may release it.", "Hanya lembaga yang menetapkan penahanan hukum ini, atau admin, yang boleh mencabutnya."),
        [ProblemCodes.NotYetAccepted] = new(403, "The receiver opens attachments only while it holds an accepted referral; the detail says why not now.", "Penerima hanya dapat membuka lampiran selama memegang rujukan yang diterima; detail menyebut alasannya."),
        [ProblemCodes.NotUploader] = new(403, "Only the agency that uploaded this attachment may delete it.", "Hanya lembaga yang mengunggah lampiran ini yang boleh menghapusnya."),
        [ProblemCodes.NotFound] = new(404, "Not found.", "Tidak ditemukan."),
        [ProblemCodes.MethodNotAllowed] = new(405, "This method is not allowed on this route.", "Metode ini tidak diizinkan pada rute ini."),
        [ProblemCodes.NotAcceptable] = new(406, "Only application/json is served.", "Hanya application/json yang dilayani."),
        [ProblemCodes.DuplicateExternalReference] = new(409, "You already sent a referral with this externalReference.", "Anda sudah mengirim rujukan dengan externalReference ini."),
        [ProblemCodes.DuplicateAgencyCode] = new(409, "An agency with this code already exists.", "Lembaga dengan kode ini sudah ada."),
        [ProblemCodes.InvalidTransition] = new(409, "The referral cannot move to that status from its current status.", "Rujukan tidak dapat berpindah ke status itu dari status saat ini."),
        [ProblemCodes.IdempotencyKeyInUse] = new(409, "A request with this Idempotency-Key is still being processed.", "Permintaan dengan Idempotency-Key ini masih diproses."),
        [ProblemCodes.Conflict] = new(409, "The request conflicts with the current state.", "Permintaan bertentangan dengan keadaan saat ini."),
        [ProblemCodes.PersonalDataErased] = new(409, "The referral's personal data has been erased under retention; nothing new may be added to it.", "Data pribadi rujukan ini telah dihapus sesuai masa retensi; tidak ada yang boleh ditambahkan lagi."),
        [ProblemCodes.ReferralNotOpen] = new(409, "The referral is already finished (declined, cancelled, completed or failed).", "Rujukan sudah selesai (ditolak, dibatalkan, tuntas atau gagal)."),
        [ProblemCodes.AttachmentGone] = new(410, "The attachment was deleted, or its contents erased under retention.", "Lampiran telah dihapus, atau isinya dihapus sesuai masa retensi."),
        [ProblemCodes.PreconditionFailed] = new(412, "The referral changed since you read it (If-Match).", "Rujukan telah berubah sejak Anda membacanya (If-Match)."),
        [ProblemCodes.PayloadTooLarge] = new(413, "The request body is larger than 256 KiB.", "Isi permintaan lebih besar dari 256 KiB."),
        [ProblemCodes.UnsupportedMediaType] = new(415, "Send the body as application/json.", "Kirim isi permintaan sebagai application/json."),
        [ProblemCodes.FileTooLarge] = new(413, "The file is larger than the limit for one attachment; see detail.", "Berkas lebih besar dari batas satu lampiran; lihat detail."),
        [ProblemCodes.FileTypeNotAccepted] = new(415, "Only PDF, JPEG and PNG files are accepted, recognised by their leading bytes; see detail.", "Hanya berkas PDF, JPEG dan PNG yang diterima, dikenali dari byte awalnya; lihat detail."),
        [ProblemCodes.RangeNotSatisfiable] = new(416, "The Range lies outside the file; Content-Range gives its size.", "Range berada di luar berkas; Content-Range menyebut ukurannya."),
        [ProblemCodes.RecipientUnavailable] = new(422, "The receiving agency is unknown, inactive or does not accept referrals.", "Lembaga penerima tidak dikenal, tidak aktif, atau tidak menerima rujukan."),
        [ProblemCodes.RecipientClosed] = new(422, "The receiving agency is closed to new referrals (capacityStatus closed).", "Lembaga penerima sedang tidak menerima rujukan baru (capacityStatus closed)."),
        [ProblemCodes.ServiceNotOffered] = new(422, "The receiving agency offers none of the requested services.", "Lembaga penerima tidak menawarkan satu pun layanan yang diminta."),
        [ProblemCodes.SelfReferral] = new(422, "An agency cannot refer to itself.", "Lembaga tidak dapat merujuk ke dirinya sendiri."),
        [ProblemCodes.MediationNotAllowed] = new(422, "Mediation may not be requested in a case of sexual violence (UU TPKS art. 23).", "Mediasi tidak boleh diminta dalam kasus kekerasan seksual (UU TPKS pasal 23)."),
        [ProblemCodes.IdempotencyKeyReused] = new(422, "This Idempotency-Key was used with a different request.", "Idempotency-Key ini sudah dipakai untuk permintaan yang berbeda."),
        [ProblemCodes.CaseUnavailable] = new(422, "The case is unknown or you are not a party to it.", "Kasus tidak dikenal atau Anda bukan pihak dalam kasus itu."),
        [ProblemCodes.PreviousReferralUnavailable] = new(422, "The previous referral is unknown or you are not a party to it.", "Rujukan sebelumnya tidak dikenal atau Anda bukan pihak di dalamnya."),
        [ProblemCodes.CaseMismatch] = new(422, "caseId and previousReferralId name different cases.", "caseId dan previousReferralId merujuk ke kasus yang berbeda."),
        [ProblemCodes.WebhookUrlNotAllowed] = new(422, "Webhooks may only be sent to public https addresses.", "Webhook hanya boleh dikirim ke alamat https publik."),
        [ProblemCodes.NotConsentBased] = new(422, "The referral was not shared on consent (legalBasis is not consent).", "Rujukan tidak dibagikan atas dasar persetujuan (legalBasis bukan consent)."),
        [ProblemCodes.LimitReached] = new(422, "A configured limit has been reached; see detail.", "Batas yang dikonfigurasi telah tercapai; lihat detail."),
        [ProblemCodes.RateLimited] = new(429, "Too many requests; retry after the given time.", "Terlalu banyak permintaan; coba lagi setelah waktu yang ditentukan."),
        [ProblemCodes.InternalError] = new(500, "An unexpected error occurred.", "Terjadi kesalahan yang tidak terduga."),
        [ProblemCodes.ServiceUnavailable] = new(503, "The service is briefly unavailable; retry later.", "Layanan sementara tidak tersedia; coba lagi nanti."),
    };

    public static string Title(string code, Language language) =>
        Entries.TryGetValue(code, out var entry)
            ? (language == Language.Indonesian ? entry.Indonesian : entry.English)
            : code;

    /// <summary>The code a bare status (from routing or the framework) is reported with.</summary>
    public static string CodeForStatus(int status) => status switch
    {
        400 => ProblemCodes.ValidationFailed,
        401 => ProblemCodes.Unauthorized,
        403 => ProblemCodes.Forbidden,
        404 => ProblemCodes.NotFound,
        405 => ProblemCodes.MethodNotAllowed,
        406 => ProblemCodes.NotAcceptable,
        409 => ProblemCodes.Conflict,
        412 => ProblemCodes.PreconditionFailed,
        413 => ProblemCodes.PayloadTooLarge,
        415 => ProblemCodes.UnsupportedMediaType,
        429 => ProblemCodes.RateLimited,
        503 => ProblemCodes.ServiceUnavailable,
        _ => ProblemCodes.InternalError,
    };
}
