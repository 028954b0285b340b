using Dibao.Verification.Adapters.Common;
using MassTransit;

namespace Dibao.Verification.Host.Verification;

/// <summary>
/// Which agency's answer exchange delivered a message, on RabbitMQ. Only that agency's broker user may publish there
/// (<see cref="AgencyQueue.PermissionPattern"/>), so it tells who answered, whatever agency the message names.
/// </summary>
public static class AnswerOrigin
{
    /// <returns>
    /// The agency's code, or null when the transport does not say (the in-memory bus, one process) or the message came
    /// through one of the hub's own exchanges, as a redelivery does, which no agency may publish to.
    /// </returns>
    public static string? AgencyOf(ConsumeContext context) =>
        context.TryGetPayload<RabbitMqBasicConsumeContext>(out var rabbit) ? AgencyQueue.AgencyOfAnswerExchange(rabbit.Exchange) : null;
}
