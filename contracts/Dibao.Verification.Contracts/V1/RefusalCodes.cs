namespace Dibao.Verification.Contracts.V1;

public static class RefusalCodes
{
    public const string MalformedIdNumber = "MALFORMED_ID_NUMBER";
    public const string NameIdMismatch = "NAME_ID_MISMATCH";

    /// <summary>
    /// The agency answered about the person, but with something its interface does not document (a status, a category, a
    /// negative amount): the adapter could not read that person's part, so what it would have shown is unknown.
    /// </summary>
    public const string UnreadableAnswer = "UNREADABLE_ANSWER";
}
