using System.Buffers.Text;
using System.Text.Json;

namespace ReferralApi.Infrastructure.Paging;

/// <summary>
/// An opaque position in a keyset-ordered list: the sort key values of the last item returned,
/// as base64url JSON. Clients pass it back untouched.
/// </summary>
internal static class Cursor
{
    /// <summary>Longer than any cursor we issue; a longer one is refused before decoding.</summary>
    public const int MaxLength = 1000;

    public static string Encode(params string[] keys) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(keys));

    public static bool TryDecode(string cursor, out IReadOnlyList<string>? keys)
    {
        keys = null;
        if (cursor.Length > MaxLength)
        {
            return false;
        }

        try
        {
            var parts = JsonSerializer.Deserialize<string[]>(Base64Url.DecodeFromChars(cursor));
            // We never issue a NUL, and PostgreSQL would fail on one in a text parameter.
            if (parts is null || parts.Length == 0 || parts.Any(p => p is null || p.Contains('\0', StringComparison.Ordinal)))
            {
                return false;
            }

            keys = parts;
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return false;
        }
    }
}
