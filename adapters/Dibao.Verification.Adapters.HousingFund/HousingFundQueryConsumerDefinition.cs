using Dibao.Verification.Adapters.Common;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Adapters.HousingFund;

internal sealed class HousingFundQueryConsumerDefinition(IOptionsMonitor<AgencyOptions> options)
    : AgencyConsumerDefinition<HousingFundQueryConsumer>(HousingFundAdapter.Code, options.Get(HousingFundAdapter.Code));
