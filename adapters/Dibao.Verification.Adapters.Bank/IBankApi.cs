using Dibao.Verification.Adapters.Bank.Wire;
using Refit;

namespace Dibao.Verification.Adapters.Bank;

/// <summary>The interface every bank publishes; each configured bank has its own address and key.</summary>
[Headers("Accept: application/json")]
internal interface IBankApi
{
    [Post("/open/v1/deposit-inquiries")]
    Task<IApiResponse<TicketWire>> SubmitAsync(
        [Body(buffered: true)] InquiryRequestWire request,
        CancellationToken cancellationToken);

    [Get("/open/v1/deposit-inquiries/{ticket}")]
    Task<IApiResponse<InquiryStatusWire>> GetInquiryAsync(
        string ticket,
        CancellationToken cancellationToken);
}
