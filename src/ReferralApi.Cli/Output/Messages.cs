namespace ReferralApi.Cli.Output;

/// <summary>The CLI's own few words around the API's messages, in the language chosen with <c>--lang</c>.</summary>
internal static class Messages
{
    public static string Error(string language) => language == "id" ? "galat: " : "error: ";

    public static string Trace(string language) => language == "id" ? "jejak" : "trace";

    public static string NothingFound(string language) => language == "id" ? "(tidak ada data)" : "(nothing found)";
}
