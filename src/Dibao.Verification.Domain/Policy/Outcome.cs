namespace Dibao.Verification.Domain.Policy;

public enum Outcome
{
    Pending = 1,
    Pass = 2,
    Fail = 3,
    Review = 4,
    Incomplete = 5,
}
