using Dibao.Verification.Adapters.SocialSecurity.Wire;
using Refit;

namespace Dibao.Verification.Adapters.SocialSecurity;

[Headers("Accept: application/json")]
internal interface ISocialSecurityApi
{
    [Get("/api/v1/insured-persons/{idNumber}")]
    Task<IApiResponse<InsuredPersonWire>> GetInsuredPersonAsync(
        string idNumber,
        [Query, AliasAs("asOf")] string asOf,
        CancellationToken cancellationToken);

    [Post("/api/v1/insured-persons:batch-query")]
    Task<IApiResponse<BatchQueryResponseWire>> BatchQueryAsync(
        [Body(buffered: true)] BatchQueryRequestWire request,
        CancellationToken cancellationToken);
}
