namespace Dibao.Verification.Contracts.V1;

public enum VehicleCategory
{
    PassengerCar = 1,
    Truck = 2,
    Motorcycle = 3,
    ThreeWheeledOrLowSpeed = 4,
    TractorTrailer = 5,
    Other = 6,
}
