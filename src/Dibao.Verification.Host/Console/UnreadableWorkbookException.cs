namespace Dibao.Verification.Host.WebConsole;

/// <summary>
/// An uploaded workbook the console cannot turn into a batch. Its message is the reason, in words a caseworker can act
/// on (a sheet too large, rows out of order, not a workbook at all), and names no cell's content.
/// </summary>
public sealed class UnreadableWorkbookException : Exception
{
    public UnreadableWorkbookException(string reason)
        : base(reason)
    {
    }

    public UnreadableWorkbookException(string reason, Exception innerException)
        : base(reason, innerException)
    {
    }
}
