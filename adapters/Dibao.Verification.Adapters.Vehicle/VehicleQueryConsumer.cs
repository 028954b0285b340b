using Dibao.Verification.Adapters.Common;
using Microsoft.Extensions.Logging;

namespace Dibao.Verification.Adapters.Vehicle;

internal sealed class VehicleQueryConsumer(VehicleQuery query, AgencyAnswerInbox inbox, TimeProvider time, ILogger<VehicleQueryConsumer> logger)
    : AgencyQueryConsumer(VehicleAdapter.Code, query, inbox, time, logger);
