using System.Globalization;

namespace ReferralApi.Infrastructure.Errors;

/// <summary>Validation and detail messages in English and Bahasa Indonesia, by key.</summary>
internal static class Messages
{
    public const string Required = "required";
    public const string TooLong = "too-long";
    public const string AtLeastOne = "at-least-one";
    public const string NoDuplicates = "no-duplicates";
    public const string NationalId = "national-id";
    public const string BirthDateXorAge = "birth-date-xor-age";
    public const string RegionCode = "region-code";
    public const string Range = "range";
    public const string CountryCode = "country-code";
    public const string AgencyCode = "agency-code";
    public const string Email = "email";
    public const string ConsentRequired = "consent-required";
    public const string RequiredWhenOther = "required-when-other";
    public const string NotInFuture = "not-in-future";
    public const string UnknownField = "unknown-field";
    public const string InvalidValue = "invalid-value";
    public const string UnknownCode = "unknown-code";
    public const string Instant = "instant";
    public const string MalformedJson = "malformed-json";
    public const string IdempotencyKey = "idempotency-key";
    public const string IfMatch = "if-match";
    public const string IfMatchWeak = "if-match-weak";
    public const string Cursor = "cursor";
    public const string CursorOrAfter = "cursor-or-after";
    public const string UnknownQueryParameter = "unknown-query-parameter";
    public const string NotAStatusTarget = "not-a-status-target";
    public const string OnlyWhenDeclined = "only-when-declined";
    public const string Blank = "blank";
    public const string SurroundingWhitespace = "surrounding-whitespace";
    public const string TransitionDetail = "transition-detail";
    public const string RetryLater = "retry-later";
    public const string MissingScope = "missing-scope";
    public const string NotFoundDetail = "not-found-detail";
    public const string ServicesOffered = "services-offered";
    public const string RecipientFull = "recipient-full";
    public const string ServicesPartlyOffered = "services-partly-offered";
    public const string DateOrInstant = "date-or-instant";
    public const string PeriodOrder = "period-order";
    public const string MonthSpan = "month-span";
    public const string BatchSize = "batch-size";
    public const string ReportDay = "report-day";
    public const string ReportRegion = "report-region";
    public const string KeyExpiry = "key-expiry";
    public const string ActiveKeyLimit = "active-key-limit";
    public const string WebhookLimit = "webhook-limit";
    public const string PingLimit = "ping-limit";
    public const string Url = "url";
    public const string GuardianConsent = "guardian-consent";
    public const string Future = "future";
    public const string WebhookUrlNotHttps = "webhook-url-not-https";
    public const string WebhookUrlCredentials = "webhook-url-credentials";
    public const string WebhookUrlObscuredAddress = "webhook-url-obscured-address";
    public const string WebhookUrlNonPublic = "webhook-url-non-public";
    public const string FileName = "file-name";
    public const string EmptyFile = "empty-file";
    public const string OneFilePart = "one-file-part";
    public const string FileTypeUnknown = "file-type-unknown";
    public const string FileTypeMismatch = "file-type-mismatch";
    public const string FileSizeLimit = "file-size-limit";
    public const string AttachmentCountLimit = "attachment-count-limit";
    public const string AttachmentBytesLimit = "attachment-bytes-limit";
    public const string ReceiverNotAccepted = "receiver-not-accepted";

    private static readonly Dictionary<string, (string English, string Indonesian)> Texts = new()
    {
        [Required] = ("This field is required.", "Kolom ini wajib diisi."),
        [TooLong] = ("Must be at most {0} characters.", "Paling banyak {0} karakter."),
        [AtLeastOne] = ("Give at least one value.", "Isi paling sedikit satu nilai."),
        [NoDuplicates] = ("Values must not repeat.", "Nilai tidak boleh berulang."),
        [NationalId] = ("Must be exactly 16 digits (NIK).", "Harus tepat 16 digit (NIK)."),
        [BirthDateXorAge] = ("Give either birthDate or ageYears, not both.", "Isi birthDate atau ageYears, tidak keduanya."),
        [RegionCode] = ("Must be a Kemendagri region code: NN, NN.NN, NN.NN.NN or NN.NN.NN.NNNN.", "Harus kode wilayah Kemendagri: NN, NN.NN, NN.NN.NN atau NN.NN.NN.NNNN."),
        [Range] = ("Must be between {0} and {1}.", "Harus antara {0} dan {1}."),
        [CountryCode] = ("Must be an ISO 3166-1 alpha-2 country code such as ID or MY.", "Harus kode negara ISO 3166-1 alpha-2 seperti ID atau MY."),
        [AgencyCode] = ("Must be 2 to 40 characters of A-Z, 0-9 and '-'.", "Harus 2 sampai 40 karakter A-Z, 0-9 dan '-'."),
        [Email] = ("Must be an email address.", "Harus alamat email."),
        [ConsentRequired] = ("Required when legalBasis is consent.", "Wajib diisi jika legalBasis adalah consent."),
        [RequiredWhenOther] = ("Required when reasonCode is other.", "Wajib diisi jika reasonCode adalah other."),
        [NotInFuture] = ("Must not be in the future.", "Tidak boleh di masa depan."),
        [UnknownField] = ("This field is not part of the request.", "Kolom ini bukan bagian dari permintaan."),
        [InvalidValue] = ("The value has the wrong type or format.", "Nilai memiliki tipe atau format yang salah."),
        [UnknownCode] = ("Unknown code; allowed: {0}.", "Kode tidak dikenal; yang diizinkan: {0}."),
        [Instant] = ("Must be an RFC 3339 timestamp with an offset, e.g. 2026-11-28T03:15:00Z.", "Harus stempel waktu RFC 3339 dengan offset, mis. 2026-11-28T03:15:00Z."),
        [MalformedJson] = ("The body is not well-formed JSON.", "Isi permintaan bukan JSON yang valid."),
        [IdempotencyKey] = ("Must be 1 to 255 visible ASCII characters.", "Harus 1 sampai 255 karakter ASCII yang terlihat."),
        [IfMatch] = ("Must be an entity tag such as \"3\".", "Harus entity tag seperti \"3\"."),
        [IfMatchWeak] = ("Weak entity tags (W/) never match a change; send the strong tag from ETag, such as \"3\".", "Entity tag lemah (W/) tidak pernah cocok untuk perubahan; kirim tag kuat dari ETag, seperti \"3\"."),
        [Cursor] = ("Not a cursor returned by this list.", "Bukan cursor yang dikembalikan oleh daftar ini."),
        [CursorOrAfter] = ("after is another name for cursor; give one of them, not both.", "after adalah nama lain untuk cursor; isi salah satunya saja."),
        [UnknownQueryParameter] = ("This query parameter is not part of the request.", "Parameter kueri ini bukan bagian dari permintaan."),
        [NotAStatusTarget] = ("Use the acknowledgement route for received, accepted and declined.", "Gunakan rute acknowledgement untuk received, accepted dan declined."),
        [OnlyWhenDeclined] = ("Only allowed when decision is declined.", "Hanya diizinkan jika decision adalah declined."),
        [Blank] = ("Must not be blank.", "Tidak boleh kosong."),
        [SurroundingWhitespace] = ("Must not begin or end with a space or other whitespace.", "Tidak boleh diawali atau diakhiri dengan spasi atau karakter kosong lainnya."),
        [TransitionDetail] = ("The referral is {0}; allowed now: {1}.", "Rujukan berstatus {0}; yang diizinkan sekarang: {1}."),
        [MissingScope] = ("This token lacks the scope {0}; sign in again asking for it.", "Token ini tidak memiliki cakupan {0}; masuk kembali dengan meminta cakupan itu."),
        [RetryLater] = ("Retry after {0} seconds.", "Coba lagi setelah {0} detik."),
        [NotFoundDetail] = ("No such resource, or it is not shared with you.", "Sumber daya tidak ada, atau tidak dibagikan kepada Anda."),
        [ServicesOffered] = ("The agency offers: {0}. Find another in GET /v1/agencies?service=...", "Layanan lembaga ini: {0}. Cari lembaga lain di GET /v1/agencies?service=..."),
        [RecipientFull] = ("The receiving agency reports that it is full: the referral was sent, but expect a slower answer or consider another agency.", "Lembaga penerima melaporkan kapasitasnya penuh: rujukan tetap terkirim, tetapi jawaban bisa lebih lambat atau pertimbangkan lembaga lain."),
        [ServicesPartlyOffered] = ("The receiving agency does not offer: {0}.", "Lembaga penerima tidak menawarkan: {0}."),
        [DateOrInstant] = ("Must be a date such as 2026-11-28 or an RFC 3339 timestamp with an offset.", "Harus tanggal seperti 2026-11-28 atau stempel waktu RFC 3339 dengan offset."),
        [PeriodOrder] = ("Must be before to.", "Harus sebelum to."),
        [BatchSize] = ("A batch holds from 1 to {0} referrals.", "Satu batch berisi 1 sampai {0} rujukan."),
        [MonthSpan] = ("A monthly series covers at most {0} months; narrow from and to.", "Deret bulanan paling banyak {0} bulan; persempit from dan to."),
        [ReportDay] = ("Must fall between {0} and tomorrow (WIB).", "Harus antara {0} dan besok (WIB)."),
        [ReportRegion] = ("Reports go down to a regency or city (NN.NN), not finer.", "Laporan paling rinci sampai kabupaten atau kota (NN.NN)."),
        [KeyExpiry] = ("Must be in the future and no later than {0}.", "Harus di masa depan dan paling lambat {0}."),
        [ActiveKeyLimit] = ("The agency already holds {0} active keys; revoke one first.", "Lembaga sudah memegang {0} kunci aktif; cabut salah satunya dulu."),
        [WebhookLimit] = ("The agency already has {0} webhook subscriptions; delete one first.", "Lembaga sudah memiliki {0} langganan webhook; hapus salah satunya dulu."),
        [PingLimit] = ("At most {0} pings a minute per agency; retry later.", "Paling banyak {0} ping per menit per lembaga; coba lagi nanti."),
        [Url] = ("Must be an absolute https URL.", "Harus URL https absolut."),
        [GuardianConsent] = ("The subject is under 18: consent must be given by a guardian.", "Subjek berusia di bawah 18 tahun: persetujuan harus diberikan oleh wali."),
        [Future] = ("Must be in the future.", "Harus di masa depan."),
        [WebhookUrlNotHttps] = ("The URL must use https.", "URL harus memakai https."),
        [WebhookUrlCredentials] = ("The URL must not contain a user name or password; deliveries are signed instead.", "URL tidak boleh memuat nama pengguna atau kata sandi; pengiriman sudah ditandatangani."),
        [WebhookUrlObscuredAddress] = ("Write an IP address as four decimal numbers (a.b.c.d); single-number, octal and hex forms are refused.", "Tulis alamat IP sebagai empat angka desimal (a.b.c.d); bentuk satu angka, oktal dan heksadesimal ditolak."),
        [WebhookUrlNonPublic] = ("The host is, or resolves to, a loopback, private, link-local or other non-public address.", "Host adalah, atau mengarah ke, alamat loopback, privat, link-local atau alamat non-publik lainnya."),
        [FileName] = ("Must be 1 to 255 characters, without control characters, / or \\.", "Harus 1 sampai 255 karakter, tanpa karakter kontrol, / atau \\."),
        [EmptyFile] = ("The file is empty.", "Berkas kosong."),
        [OneFilePart] = ("Send exactly one file part, with a filename.", "Kirim tepat satu bagian berkas, dengan filename."),
        [FileTypeUnknown] = ("The file is none of the accepted types: {0}.", "Berkas bukan salah satu jenis yang diterima: {0}."),
        [FileTypeMismatch] = ("The file is declared as {0} but its leading bytes show {1}.", "Berkas dinyatakan sebagai {0} tetapi byte awalnya menunjukkan {1}."),
        [FileSizeLimit] = ("A file may be at most {0} bytes.", "Satu berkas paling besar {0} byte."),
        [AttachmentCountLimit] = ("The referral already carries {0} files; delete one first.", "Rujukan sudah membawa {0} berkas; hapus salah satunya dulu."),
        [AttachmentBytesLimit] = ("A referral's files may total at most {0} bytes; this one would pass it.", "Jumlah ukuran berkas satu rujukan paling besar {0} byte; berkas ini melampauinya."),
        [ReceiverNotAccepted] = ("The referral is {0}: its receiver opens attachments only from acceptance on, never after a decline or a cancellation (a withdrawal of consent cancels it).", "Rujukan berstatus {0}: penerima dapat membuka lampiran hanya sejak diterima, tidak pernah setelah ditolak atau dibatalkan (penarikan persetujuan membatalkannya)."),
    };

    public static string Format(string key, Language language, params object[] args)
    {
        if (!Texts.TryGetValue(key, out var text))
        {
            return key;
        }

        var template = language == Language.Indonesian ? text.Indonesian : text.English;
        return args.Length == 0 ? template : string.Format(CultureInfo.InvariantCulture, template, args);
    }

    public static IEnumerable<string> Keys => Texts.Keys;
}
