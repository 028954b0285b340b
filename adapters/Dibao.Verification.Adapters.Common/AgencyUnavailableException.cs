namespace Dibao.Verification.Adapters.Common;

/// <summary>
/// The agency did not answer within the HTTP retries (429, 5xx, dropped connections, timeouts, open circuit).
/// Transient: the message retry asks again later. Messages never carry identity numbers.
/// </summary>
public sealed class AgencyUnavailableException : Exception
{
    public AgencyUnavailableException()
    {
    }

    public AgencyUnavailableException(string message)
        : base(message)
    {
    }

    public AgencyUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
