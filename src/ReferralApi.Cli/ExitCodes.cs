namespace ReferralApi.Cli;

/// <summary>
/// What a script can branch on. Documented in the README; changing a number breaks the scripts of
/// every agency that relies on it.
/// </summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>Bad arguments, missing configuration, or an input file that cannot be used.</summary>
    public const int Usage = 1;

    /// <summary>The API refused the request (a 4xx problem): fix the input or the referral's state, do not retry as is.</summary>
    public const int Refused = 2;

    /// <summary>The server failed (5xx) or could not be reached, even after the bounded retries: retrying later is safe.</summary>
    public const int Unavailable = 3;

    /// <summary><c>webhook verify</c>: the delivery is not signed by the given secret, or is too old.</summary>
    public const int NotVerified = 4;

    /// <summary><c>events</c>: another run holds the state file, so this one did nothing.</summary>
    public const int Busy = 5;
}
