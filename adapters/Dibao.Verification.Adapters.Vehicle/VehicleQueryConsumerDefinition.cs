using Dibao.Verification.Adapters.Common;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Adapters.Vehicle;

internal sealed class VehicleQueryConsumerDefinition(IOptionsMonitor<AgencyOptions> options)
    : AgencyConsumerDefinition<VehicleQueryConsumer>(VehicleAdapter.Code, options.Get(VehicleAdapter.Code));
