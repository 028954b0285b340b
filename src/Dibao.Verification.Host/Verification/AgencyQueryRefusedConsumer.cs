using Dibao.Verification.Contracts.V1;
using MassTransit;

namespace Dibao.Verification.Host.Verification;

public sealed class AgencyQueryRefusedConsumer(AgencyAnswerRecorder recorder) : IConsumer<AgencyQueryRefused>
{
    public Task Consume(ConsumeContext<AgencyQueryRefused> context) => recorder.RefusedAsync(context.Message, AnswerOrigin.AgencyOf(context), context.CancellationToken);
}
