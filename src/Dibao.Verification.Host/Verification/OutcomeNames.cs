using Dibao.Verification.Domain.Policy;

namespace Dibao.Verification.Host.Verification;

/// <summary>The outcome words of the API and the bus: pending, pass, fail, review, incomplete.</summary>
public static class OutcomeNames
{
    public static string Of(Outcome outcome) => outcome.ToString().ToLowerInvariant();

    public static string Of(ReasonSeverity severity) => severity.ToString().ToLowerInvariant();

    /// <summary>
    /// An outcome word of the API in Chinese, as the console, the 核对报告 and the <c>verify</c> command show it, so a
    /// caseworker reads one vocabulary everywhere; a word this table does not know is shown as it is rather than hidden.
    /// </summary>
    public static string Chinese(string? outcome) => outcome switch
    {
        "pass" => "通过",
        "fail" => "不通过",
        "review" => "待复核",
        "incomplete" => "不完整",
        "error" => "无法核对",
        "pending" => "核对中",
        _ => outcome ?? "",
    };
}
