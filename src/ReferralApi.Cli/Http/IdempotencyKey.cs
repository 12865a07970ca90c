using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ReferralApi.Cli.Http;

/// <summary>
/// Idempotency keys derived from what is being asked, never random: a cron job that runs the same
/// command on the same input again (after a timeout, a crash, a reboot) sends the same key, and
/// the API answers the first result instead of acting twice. A random key per run would make
/// every re-run a new request.
/// <para>
/// The key is <c>cli-&lt;command&gt;-&lt;SHA-256 of the parts&gt;</c>: the command, the target referral
/// and the version the move was decided on, and the request body in a canonical form (so a file
/// re-saved with other spacing is still the same request). Moves include the version because the
/// same move can legitimately happen twice in a referral's life (in_progress, on_hold,
/// in_progress); a re-run of a move that already happened meets the new version, a new key, and
/// the API's "same move again is a no-op" rule. The digest carries no readable personal data.
/// </para>
/// </summary>
internal static class IdempotencyKey
{
    public static string For(string command, JsonNode body, params string[] parts)
    {
        var material = new StringBuilder(command);
        foreach (var part in parts)
        {
            material.Append('\n').Append(part);
        }

        material.Append('\n').Append(body.ToJsonString());
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(material.ToString()));
        return $"cli-{command}-{Convert.ToHexStringLower(digest)}";
    }
}
