namespace Dibao.Verification.Contracts.V1;

public static class RefusalCodes
{
    public const string MalformedIdNumber = "MALFORMED_ID_NUMBER";
    public const string NameIdMismatch = "NAME_ID_MISMATCH";
}
