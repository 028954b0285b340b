namespace Dibao.Verification.Contracts.V1;

public enum BusinessStatus
{
    Active = 1,
    Deregistered = 2,
    Revoked = 3,
}
