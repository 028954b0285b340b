using Dibao.Verification.Adapters.Common;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Adapters.BusinessRegistry;

internal sealed class BusinessRegistryQueryConsumerDefinition(IOptionsMonitor<AgencyOptions> options)
    : AgencyConsumerDefinition<BusinessRegistryQueryConsumer>(BusinessRegistryAdapter.Code, options.Get(BusinessRegistryAdapter.Code));
