namespace Dibao.Verification.Domain.Policy;

/// <summary>
/// What a caseworker reads where an agency left a descriptive field out (a payer, an employer, a plate): said to be
/// missing, in the same words in the reasons and in the finding lines, rather than a gap that reads as text cut off.
/// </summary>
public static class Unstated
{
    public const string Payer = "未注明付款单位";
    public const string Employer = "未注明单位";
    public const string Plate = "未注明号牌";
    public const string VehicleUse = "未注明使用性质";
    public const string BusinessName = "未注明名称";
    public const string Currency = "未注明币种";
}
