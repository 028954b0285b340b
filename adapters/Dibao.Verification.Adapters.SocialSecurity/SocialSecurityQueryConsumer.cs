using Dibao.Verification.Adapters.Common;
using Microsoft.Extensions.Logging;

namespace Dibao.Verification.Adapters.SocialSecurity;

internal sealed class SocialSecurityQueryConsumer(SocialSecurityQuery query, AgencyAnswerInbox inbox, TimeProvider time, ILogger<SocialSecurityQueryConsumer> logger)
    : AgencyQueryConsumer(SocialSecurityAdapter.Code, query, inbox, time, logger);
