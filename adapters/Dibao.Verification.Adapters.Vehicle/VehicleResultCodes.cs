namespace Dibao.Verification.Adapters.Vehicle;

/// <summary>The <c>code</c> of every answer body; the HTTP status is 200 for all of them.</summary>
internal static class VehicleResultCodes
{
    public const string Success = "0";

    /// <summary>身份证明号码格式错误: asking again gets the same answer.</summary>
    public const string MalformedIdNumber = "E1001";

    /// <summary>系统繁忙: ask again later.</summary>
    public const string Busy = "E2001";

    /// <summary>Internal error, which the administration also calls transient.</summary>
    public const string InternalError = "E9999";

    public static bool IsTransient(string? code) => code is Busy or InternalError;
}
