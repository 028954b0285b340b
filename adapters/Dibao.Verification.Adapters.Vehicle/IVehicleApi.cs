using Dibao.Verification.Adapters.Vehicle.Wire;
using Refit;

namespace Dibao.Verification.Adapters.Vehicle;

/// <summary>Both endpoints answer 200 whatever happened; the outcome is the body's <c>code</c>.</summary>
[Headers("Accept: application/json")]
internal interface IVehicleApi
{
    [Get("/vehicle/v1/query")]
    Task<IApiResponse<VehiclesResponseWire>> QueryAsync(
        [Query, AliasAs("sfzmhm")] string idNumber,
        CancellationToken cancellationToken);

    /// <summary>A read despite the POST, so repeating it after a transient failure is safe.</summary>
    [Post("/vehicle/v1/batch-query")]
    Task<IApiResponse<BatchQueryResponseWire>> BatchQueryAsync(
        [Body(buffered: true)] BatchQueryRequestWire request,
        CancellationToken cancellationToken);
}
