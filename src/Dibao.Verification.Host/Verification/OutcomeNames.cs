using Dibao.Verification.Domain.Policy;

namespace Dibao.Verification.Host.Verification;

/// <summary>The outcome words of the API and the bus: pending, pass, fail, review, incomplete.</summary>
public static class OutcomeNames
{
    public static string Of(Outcome outcome) => outcome.ToString().ToLowerInvariant();

    public static string Of(ReasonSeverity severity) => severity.ToString().ToLowerInvariant();

    /// <summary>An outcome word of the API in Chinese, as the console and the 核对报告 show it.</summary>
    public static string Chinese(string outcome) => outcome switch
    {
        "pass" => "通过",
        "fail" => "不通过",
        "review" => "待复核",
        "incomplete" => "信息不全",
        "error" => "无法核对",
        _ => "核对中",
    };
}
