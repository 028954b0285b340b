namespace Dibao.Verification.Adapters.Common;

/// <summary>
/// The agency refused the request or answered something the adapter cannot read (bad key, unexpected 400,
/// unknown codes). Asking again would get the same answer, so no retry policy should handle it.
/// Messages never carry identity numbers or amounts.
/// </summary>
public sealed class AgencyRejectedException : Exception
{
    public AgencyRejectedException()
    {
    }

    public AgencyRejectedException(string message)
        : base(message)
    {
    }

    public AgencyRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
