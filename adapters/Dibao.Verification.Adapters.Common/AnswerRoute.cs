using Dibao.Verification.Contracts.V1;
using MassTransit;

namespace Dibao.Verification.Adapters.Common;

/// <summary>What an adapter needs of a question's delivery to answer it, however long the answer takes.</summary>
/// <param name="QuestionMessageId">The bus message id of the <see cref="QueryAgency"/>; its duplicates share it. Null when the sender set none.</param>
/// <param name="Agency">The source asked, as in the question: <c>tax</c>, <c>bank:ICBC</c>.</param>
/// <param name="Destination">Where the answer is sent.</param>
public sealed record AnswerRoute(Guid? QuestionMessageId, string Agency, Uri Destination)
{
    public static AnswerRoute For(ConsumeContext<QueryAgency> context) =>
        new(context.MessageId, context.Message.Agency, AgencyAnswers.DestinationFor(context));
}
