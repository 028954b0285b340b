using Dibao.Verification.Adapters.Common;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Adapters.SocialSecurity;

internal sealed class SocialSecurityQueryConsumerDefinition(IOptionsMonitor<AgencyOptions> options)
    : AgencyConsumerDefinition<SocialSecurityQueryConsumer>(SocialSecurityAdapter.Code, options.Get(SocialSecurityAdapter.Code));
