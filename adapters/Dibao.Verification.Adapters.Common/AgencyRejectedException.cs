namespace Dibao.Verification.Adapters.Common;

/// <summary>
/// The agency refused the request or answered something the adapter cannot read (bad key, unexpected 400,
/// unknown codes). Asking again would get the same answer, so no retry policy should handle it: the adapter
/// reports the whole question refused under <see cref="Code"/> instead.
/// Messages never carry identity numbers or amounts.
/// </summary>
public sealed class AgencyRejectedException : Exception
{
    /// <param name="code">One of <see cref="QueryRefusalCodes"/>' results: travels to the hub, so never personal data.</param>
    public AgencyRejectedException(string code, string message)
        : this(code, message, null)
    {
    }

    /// <inheritdoc cref="AgencyRejectedException(string, string)"/>
    public AgencyRejectedException(string code, string message, Exception? innerException)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
    }

    /// <summary>What the hub is told in <c>AgencyQueryRefused.Code</c>.</summary>
    public string Code { get; }
}
