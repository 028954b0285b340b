namespace Dibao.Verification.Host.Recomparison;

public static class RecomparisonStatus
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string Failed = "failed";
}
