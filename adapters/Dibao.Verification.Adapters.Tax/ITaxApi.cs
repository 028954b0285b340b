using Dibao.Verification.Adapters.Tax.Wire;
using Refit;

namespace Dibao.Verification.Adapters.Tax;

/// <summary>The bureau's income endpoints; <see cref="TaxTokenHandler"/> adds the bearer token.</summary>
[Headers("Accept: application/json")]
internal interface ITaxApi
{
    [Post("/tax/v2/income-records")]
    Task<IApiResponse<IncomeRecordsResponseWire>> GetIncomeRecordsAsync(
        [Body(buffered: true)] IncomeRecordsRequestWire request,
        CancellationToken cancellationToken);

    [Post("/tax/v2/income-records:batch")]
    Task<IApiResponse<BatchResponseWire>> GetIncomeRecordsBatchAsync(
        [Body(buffered: true)] BatchRequestWire request,
        CancellationToken cancellationToken);
}
