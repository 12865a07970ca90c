namespace ReferralApi.Infrastructure.Errors;

/// <summary>What a client should do about a problem of each status, in both languages, for the problem pages.</summary>
internal static class ProblemAdvice
{
    public static string For(int status, Language language)
    {
        var (english, indonesian) = status switch
        {
            400 => ("The request is malformed or a field is invalid. The errors member names each offending field by its JSON path (or query parameter or header); fix those and send again.",
                "Permintaan salah bentuk atau ada kolom yang tidak valid. Anggota errors menyebut setiap kolom yang salah dengan path JSON-nya (atau parameter kueri atau header); perbaiki lalu kirim lagi."),
            401 => ("Send a valid, unexpired API key as Authorization: Bearer <key>.",
                "Kirim kunci API yang valid dan belum kedaluwarsa sebagai Authorization: Bearer <kunci>."),
            403 => ("Your key is valid but its role or party does not allow this action. Do not retry with the same key.",
                "Kunci Anda valid tetapi peran atau pihaknya tidak mengizinkan tindakan ini. Jangan ulangi dengan kunci yang sama."),
            404 => ("The resource does not exist or is not shared with your agency. The API does not say which.",
                "Sumber daya tidak ada atau tidak dibagikan kepada lembaga Anda. API tidak menyebutkan yang mana."),
            405 => ("The route exists but not for this method; the Allow header lists the methods it takes.",
                "Rute ada tetapi tidak untuk metode ini; header Allow menyebut metode yang diterima."),
            406 => ("Ask for application/json (or text/csv where a route offers it).",
                "Minta application/json (atau text/csv bila rute menyediakannya)."),
            409 => ("The request conflicts with the current state. Read the resource again; members such as currentStatus and allowedTransitions say what is possible now. Retry after Retry-After when it is given.",
                "Permintaan bertentangan dengan keadaan saat ini. Baca ulang sumber daya; anggota seperti currentStatus dan allowedTransitions menyebut yang mungkin sekarang. Ulangi setelah Retry-After bila diberikan."),
            410 => ("The attachment is gone for good: its uploader deleted it, or retention erased it. The list still shows it as a tombstone.",
                "Lampiran sudah tidak ada: pengunggahnya menghapusnya, atau retensi menghapus isinya. Daftar masih menampilkannya sebagai jejak."),
            416 => ("Ask for a range inside the file; Content-Range: bytes */<size> gives its size.",
                "Minta rentang di dalam berkas; Content-Range: bytes */<ukuran> menyebut ukurannya."),
            412 => ("Someone changed the referral since you read it. Read it again (currentVersion gives the new version), re-apply your change and send it with the new ETag.",
                "Rujukan telah diubah sejak Anda membacanya. Baca lagi (currentVersion memberi versi baru), terapkan perubahan Anda dan kirim dengan ETag yang baru."),
            413 => ("The body is over 256 KiB (an attachment: over its limit, see detail). Send less.", "Isi permintaan lebih dari 256 KiB (lampiran: melebihi batasnya, lihat detail). Kirim lebih sedikit."),
            415 => ("Send the body as application/json in UTF-8; an attachment as a PDF, JPEG or PNG file.", "Kirim isi permintaan sebagai application/json dalam UTF-8; lampiran sebagai berkas PDF, JPEG atau PNG."),
            422 => ("The request is well-formed but a business rule refuses it; the title and detail say which. Sending it again unchanged will not help.",
                "Permintaan berbentuk benar tetapi ditolak oleh aturan; judul dan detail menyebut aturannya. Mengirim ulang tanpa perubahan tidak akan membantu."),
            429 => ("Too many requests for this key (or too many wrong keys from this address). Wait the seconds given in Retry-After, then retry.",
                "Terlalu banyak permintaan untuk kunci ini (atau terlalu banyak kunci salah dari alamat ini). Tunggu selama detik di Retry-After, lalu ulangi."),
            503 => ("The service or its database is briefly unavailable. Retry after Retry-After; with an Idempotency-Key the retry is safe.",
                "Layanan atau basis datanya sementara tidak tersedia. Ulangi setelah Retry-After; dengan Idempotency-Key pengulangan aman."),
            _ => ("An unexpected error. Nothing about it is shown; quote the traceId to the operators.",
                "Kesalahan yang tidak terduga. Tidak ada rinciannya yang ditampilkan; sebutkan traceId kepada operator."),
        };
        return language == Language.Indonesian ? indonesian : english;
    }
}
