namespace Dibao.Verification.Sandbox.Population;

/// <summary>A registration as the traffic police hold it, with their field codes.</summary>
/// <param name="Hphm">Plate number, e.g. 吉A12345.</param>
/// <param name="Hpzl">Plate kind: 01 large, 02 small, 07 motorcycle, 13 low-speed.</param>
/// <param name="Cllx">Vehicle type; the first letter is K car, H truck, M motorcycle, N three-wheeled/low-speed, Q tractor.</param>
/// <param name="Syxz">Use: A non-commercial, B road passenger, D taxi, F freight, Z other.</param>
/// <param name="Zt">Status: A normal, B transferred out, E deregistered, G unresolved violations.</param>
/// <param name="Ccdjrq">First registration date.</param>
/// <param name="Clpp">Brand.</param>
/// <param name="Cjrzyc">"1" for a disabled person's adapted vehicle, else "0".</param>
public sealed record SyntheticVehicle(string Hphm, string Hpzl, string Cllx, string Syxz, string Zt, DateOnly Ccdjrq, string Clpp, string Cjrzyc);
