namespace Dibao.Verification.Host.Verification;

/// <summary>An agency's refusal code as the hub stores and shows it: what came over the bus is not trusted to be tidy.</summary>
public static class RefusalCode
{
    public const int MaxLength = 64;
    public const string Unknown = "UNKNOWN";

    public static string Sanitize(string? code)
    {
        var kept = new string([.. (code ?? string.Empty).Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':').Take(MaxLength)]);
        return kept.Length == 0 ? Unknown : kept;
    }
}
