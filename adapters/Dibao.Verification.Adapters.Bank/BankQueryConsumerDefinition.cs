using Dibao.Verification.Adapters.Common;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Adapters.Bank;

/// <summary>Also sets the endpoint's message retry, which the poll consumer on the same queue shares.</summary>
internal sealed class BankQueryConsumerDefinition(IOptionsMonitor<AgencyOptions> options)
    : AgencyConsumerDefinition<BankQueryConsumer>(BankAdapter.Code, options.Get(BankAdapter.Code));
