using Dibao.Verification.Adapters.Common;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Adapters.Tax;

internal sealed class TaxQueryConsumerDefinition(IOptionsMonitor<AgencyOptions> options)
    : AgencyConsumerDefinition<TaxQueryConsumer>(TaxAdapter.Code, options.Get(TaxAdapter.Code));
