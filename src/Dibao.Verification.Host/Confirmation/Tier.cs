namespace Dibao.Verification.Host.Confirmation;

/// <summary>The levels that sign a result, in order: 乡镇录入审核, 县级初核, 市级终核确认.</summary>
public enum Tier
{
    Township = 1,
    County = 2,
    City = 3,
}
