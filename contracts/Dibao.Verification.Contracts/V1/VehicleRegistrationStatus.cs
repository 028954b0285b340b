namespace Dibao.Verification.Contracts.V1;

public enum VehicleRegistrationStatus
{
    Normal = 1,
    TransferredOut = 2,
    Deregistered = 3,
    UnresolvedViolations = 4,
}
