using Dibao.Verification.Adapters.BusinessRegistry.Wire;
using Refit;

namespace Dibao.Verification.Adapters.BusinessRegistry;

/// <summary>Requests are signed below the resilience pipeline by <see cref="BusinessRegistrySigningHandler"/>.</summary>
[Headers("Accept: application/json")]
internal interface IBusinessRegistryApi
{
    [Get("/samr/v1/entities")]
    Task<IApiResponse<EntitiesPageWire>> GetEntitiesAsync(
        [Query, AliasAs("idNumber")] string idNumber,
        [Query, AliasAs("page")] int page,
        [Query, AliasAs("pageSize")] int pageSize,
        CancellationToken cancellationToken);

    [Post("/samr/v1/entities:batch-query")]
    Task<IApiResponse<BatchQueryResponseWire>> BatchQueryAsync(
        [Body(buffered: true)] BatchQueryRequestWire request,
        CancellationToken cancellationToken);
}
