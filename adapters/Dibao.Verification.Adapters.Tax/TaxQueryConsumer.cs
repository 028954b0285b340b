using Dibao.Verification.Adapters.Common;
using Microsoft.Extensions.Logging;

namespace Dibao.Verification.Adapters.Tax;

internal sealed class TaxQueryConsumer(TaxQueryFactory queries, TimeProvider time, ILogger<TaxQueryConsumer> logger)
    : AgencyQueryConsumer(TaxAdapter.Code, queries.For, time, logger);
