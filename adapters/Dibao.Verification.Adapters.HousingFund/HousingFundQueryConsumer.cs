using Dibao.Verification.Adapters.Common;
using Microsoft.Extensions.Logging;

namespace Dibao.Verification.Adapters.HousingFund;

internal sealed class HousingFundQueryConsumer(HousingFundQuery query, AgencyAnswerInbox inbox, TimeProvider time, ILogger<HousingFundQueryConsumer> logger)
    : AgencyQueryConsumer(HousingFundAdapter.Code, query, inbox, time, logger);
