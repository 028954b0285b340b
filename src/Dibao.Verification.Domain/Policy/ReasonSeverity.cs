namespace Dibao.Verification.Domain.Policy;

public enum ReasonSeverity
{
    Fail = 1,
    Review = 2,
    Incomplete = 3,
}
