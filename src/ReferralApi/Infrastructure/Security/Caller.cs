using System.Globalization;
using System.Security.Claims;

namespace ReferralApi.Infrastructure.Security;

/// <summary>Who is calling: the key, its agency (none for the admin key) and the roles it holds.</summary>
internal sealed record Caller(Guid? AgencyId, Guid? KeyId, IReadOnlySet<string> Roles)
{
    public const string AgencyClaim = "agency_id";
    public const string KeyClaim = "key_id";

    /// <summary>One claim per permission of the key (<see cref="KeyPermissions"/>).</summary>
    public const string PermissionClaim = "key_permission";

    /// <summary>Which admin key was used: the first hex digits of its hash, for the admin audit log.</summary>
    public const string AdminKeyClaim = "admin_key";

    /// <summary>The person behind a token (<c>sub</c>), and their display name when the token has one.</summary>
    public const string PersonClaim = "person_sub";
    public const string PersonNameClaim = "person_name";

    /// <summary>One claim per scope a token holds (<see cref="Tokens.Scopes"/>); keys hold none.</summary>
    public const string ScopeClaim = "token_scope";

    /// <summary>
    /// The key id recorded for a request made with a token (records name a key, and a token is none);
    /// the person is on the token's own claims.
    /// </summary>
    public static readonly Guid TokenKeyId = Guid.Empty;

    /// <summary>The person behind a token; null for a key.</summary>
    public ActingPerson? Person { get; init; }

    public bool IsAdmin => Roles.Contains(Security.Roles.Admin);

    public static bool IsToken(ClaimsPrincipal user) => user.Identity?.AuthenticationType == Tokens.BearerSchemes.Token;

    public static bool HasPermission(ClaimsPrincipal user, string permission) => user.HasClaim(PermissionClaim, permission);

    /// <summary>The agency of an agency key; routes that reach here are already limited to such keys.</summary>
    public Guid Agency => AgencyId ?? throw new InvalidOperationException("The route requires an agency key.");

    /// <summary>Idempotency keys are scoped to the calling agency; the admin key has a scope of its own.</summary>
    public Guid IdempotencyScope => AgencyId ?? Guid.Empty;

    /// <summary>The caller behind <paramref name="user"/>: worked out at authentication for a key (see <see cref="CallerIdentity"/>), else from the claims.</summary>
    public static Caller From(ClaimsPrincipal user) => user.Identity is CallerIdentity known ? known.Caller : FromClaims(user);

    internal static Caller FromClaims(ClaimsPrincipal user)
    {
        static Guid? Read(ClaimsPrincipal user, string type) =>
            user.FindFirst(type)?.Value is { } value ? Guid.Parse(value, CultureInfo.InvariantCulture) : null;

        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new Caller(Read(user, AgencyClaim), Read(user, KeyClaim), roles) { Person = ActingPerson.From(user) };
    }
}
