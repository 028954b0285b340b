namespace Dibao.Verification.Sandbox.Faults;

/// <summary>The failures the agency specifications call transient.</summary>
public enum TransientFault
{
    /// <summary>429 with Retry-After: 1.</summary>
    TooManyRequests,
    InternalServerError,
    BadGateway,
    ServiceUnavailable,
    GatewayTimeout,

    /// <summary>The connection is dropped without an answer.</summary>
    ConnectionAborted,
}
