namespace Dibao.Verification.Contracts.V1;

public enum BusinessRole
{
    Operator = 1,
    LegalRepresentative = 2,
    Shareholder = 3,
}
