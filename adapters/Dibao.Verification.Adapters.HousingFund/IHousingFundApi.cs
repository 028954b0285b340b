using Dibao.Verification.Adapters.HousingFund.Wire;
using Refit;

namespace Dibao.Verification.Adapters.HousingFund;

[Headers("Accept: application/json")]
internal interface IHousingFundApi
{
    [Get("/hf/api/accounts")]
    Task<IApiResponse<AccountsResponseWire>> GetAccountsAsync(
        [Query, AliasAs("idNumber")] string idNumber,
        CancellationToken cancellationToken);

    [Post("/hf/api/accounts:batch")]
    Task<IApiResponse<BatchResponseWire>> BatchAsync(
        [Body(buffered: true)] BatchRequestWire request,
        CancellationToken cancellationToken);
}
