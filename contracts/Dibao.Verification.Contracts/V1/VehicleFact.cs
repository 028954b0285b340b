namespace Dibao.Verification.Contracts.V1;

/// <param name="PlateNumber">Null when the registry gives none; only ever shown.</param>
/// <param name="TypeCode">The registry's own vehicle type code, kept for the evidence.</param>
/// <param name="UseCode">The registry's own use code (非营运, taxi, ...), kept for the evidence; null when it gives none.</param>
/// <param name="DisabledPersonAdapted">Registered as a disabled person's adapted vehicle (残疾人专用车).</param>
public sealed record VehicleFact(
    string? PlateNumber,
    VehicleCategory Category,
    string TypeCode,
    string? UseCode,
    VehicleRegistrationStatus Status,
    DateOnly? FirstRegistered,
    string? Brand,
    bool DisabledPersonAdapted);
