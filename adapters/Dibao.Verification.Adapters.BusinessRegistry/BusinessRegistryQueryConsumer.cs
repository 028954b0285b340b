using Dibao.Verification.Adapters.Common;
using Microsoft.Extensions.Logging;

namespace Dibao.Verification.Adapters.BusinessRegistry;

internal sealed class BusinessRegistryQueryConsumer(BusinessRegistryQuery query, AgencyAnswerInbox inbox, TimeProvider time, ILogger<BusinessRegistryQueryConsumer> logger)
    : AgencyQueryConsumer(BusinessRegistryAdapter.Code, query, inbox, time, logger);
