using System.Globalization;
using Dibao.Verification.Contracts.V1;

namespace Dibao.Verification.Domain.Policy.Rules;

/// <summary>A vehicle held today disqualifies unless it is a motorcycle, a three-wheeled or low-speed vehicle, or a disabled person's adapted vehicle.</summary>
public static class VehicleRule
{
    public static IEnumerable<Reason> Assess(MemberEvidence member)
    {
        foreach (var answer in member.From(AgencyCodes.Vehicle))
        {
            foreach (var vehicle in answer.Facts.Vehicles.Where(v => IsHeld(v) && !IsExempt(v)))
            {
                yield return new Reason(
                    ReasonCodes.VehicleOwned,
                    ReasonSeverity.Fail,
                    member.IdNumber,
                    answer.Source,
                    string.Create(CultureInfo.InvariantCulture,
                        $"{(vehicle.PlateNumber is { } plate ? $"号牌{plate}" : Unstated.Plate)}，车辆类型{vehicle.TypeCode}，{(vehicle.UseCode is { } use ? $"使用性质{use}" : Unstated.VehicleUse)}，状态{StatusName(vehicle.Status)}{(vehicle.FirstRegistered is { } d ? $"，初次登记{d:yyyy-MM-dd}" : "")}{(vehicle.Brand is { } b ? $"，{b}" : "")}"),
                    $"{member.Name}名下登记有机动车{vehicle.PlateNumber ?? $"（{Unstated.Plate}）"}，不属于摩托车、三轮或低速车、残疾人专用车。",
                    Record: vehicle.PlateNumber);
            }
        }
    }

    public static bool IsHeld(VehicleFact vehicle) =>
        vehicle.Status is VehicleRegistrationStatus.Normal or VehicleRegistrationStatus.UnresolvedViolations;

    public static bool IsExempt(VehicleFact vehicle) =>
        vehicle.DisabledPersonAdapted || vehicle.Category is VehicleCategory.Motorcycle or VehicleCategory.ThreeWheeledOrLowSpeed;

    private static string StatusName(VehicleRegistrationStatus status) => status switch
    {
        VehicleRegistrationStatus.Normal => "正常",
        VehicleRegistrationStatus.UnresolvedViolations => "违法未处理",
        VehicleRegistrationStatus.TransferredOut => "转出",
        _ => "注销",
    };
}
