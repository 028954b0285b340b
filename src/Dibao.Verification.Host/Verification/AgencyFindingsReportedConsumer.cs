using Dibao.Verification.Contracts.V1;
using MassTransit;

namespace Dibao.Verification.Host.Verification;

public sealed class AgencyFindingsReportedConsumer(AgencyAnswerRecorder recorder) : IConsumer<AgencyFindingsReported>
{
    public Task Consume(ConsumeContext<AgencyFindingsReported> context) => recorder.FindingsAsync(context.Message, AnswerOrigin.AgencyOf(context), context.CancellationToken);
}
