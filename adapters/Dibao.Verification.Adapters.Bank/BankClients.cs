using Dibao.Verification.Adapters.Common;
using Refit;

namespace Dibao.Verification.Adapters.Bank;

/// <summary>The bank interface at one bank's address, with that bank's key and its own resilience pipeline.</summary>
internal sealed class BankClients(IHttpClientFactory factory)
{
    private static readonly RefitSettings Settings = AgencyJson.RefitSettings();

    public IBankApi For(string source) => RestService.For<IBankApi>(factory.CreateClient(source), Settings);
}
