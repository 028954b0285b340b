using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Adapters.Vehicle.Wire;
using Dibao.Verification.Contracts.V1;

namespace Dibao.Verification.Adapters.Vehicle;

internal static class VehicleTranslator
{
    private const string Agency = VehicleAdapter.Code;

    /// <summary>Every registration is reported, transferred and deregistered ones included: the policy decides which are held.</summary>
    public static PersonFinding ToFinding(string idNumber, IReadOnlyList<VehicleWire> vehicles) =>
        PersonFindings.FromFacts(idNumber, new PersonFacts { Vehicles = vehicles.Select(ToFact).ToList() });

    private static VehicleFact ToFact(VehicleWire vehicle) => new(
        WireFormat.Descriptive(vehicle.PlateNumber),
        Category(vehicle.TypeCode),
        vehicle.TypeCode,
        WireFormat.Descriptive(vehicle.UseCode),
        vehicle.Status switch
        {
            "A" => VehicleRegistrationStatus.Normal,
            "B" => VehicleRegistrationStatus.TransferredOut,
            "E" => VehicleRegistrationStatus.Deregistered,
            "G" => VehicleRegistrationStatus.UnresolvedViolations,
            _ => throw WireFormat.UnknownCode(Agency, "zt", vehicle.Status),
        },
        string.IsNullOrEmpty(vehicle.FirstRegistered) ? null : WireFormat.Date(vehicle.FirstRegistered, "yyyy-MM-dd", Agency, "ccdjrq"),
        WireFormat.Descriptive(vehicle.Brand),
        vehicle.DisabledPersonAdapted switch
        {
            "1" => true,
            null or "" or "0" => false,
            _ => throw WireFormat.UnknownCode(Agency, "cjrzyc", vehicle.DisabledPersonAdapted),
        });

    /// <summary>
    /// The national type table has letters beyond the five the interface names (trailers, special-purpose vehicles);
    /// those are still vehicles, so they become <see cref="VehicleCategory.Other"/>, which no exemption covers.
    /// A code that does not start with a capital letter is not a type code at all.
    /// </summary>
    private static VehicleCategory Category(string typeCode) => typeCode switch
    {
        ['K', ..] => VehicleCategory.PassengerCar,
        ['H', ..] => VehicleCategory.Truck,
        ['M', ..] => VehicleCategory.Motorcycle,
        ['N', ..] => VehicleCategory.ThreeWheeledOrLowSpeed,
        ['Q', ..] => VehicleCategory.TractorTrailer,
        [var letter, ..] when char.IsAsciiLetterUpper(letter) => VehicleCategory.Other,
        _ => throw WireFormat.UnknownCode(Agency, "cllx", typeCode),
    };
}
