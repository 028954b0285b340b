using Dibao.Verification.Adapters.Common;
using Microsoft.Extensions.Logging;

namespace Dibao.Verification.Adapters.Tax;

internal sealed class TaxQueryConsumer(TaxQueryFactory queries, AgencyAnswerInbox inbox, TimeProvider time, ILogger<TaxQueryConsumer> logger)
    : AgencyQueryConsumer(TaxAdapter.Code, queries.For, inbox, time, logger);
