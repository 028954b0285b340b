namespace Dibao.Verification.Contracts.V1;

public enum PensionStatus
{
    Paying = 1,
    Suspended = 2,
    Terminated = 3,
}
