using Dibao.Verification.Adapters.Common;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Adapters.Bank;

/// <summary>
/// Polls land on the queue the questions come in on, so one endpoint serves the bank. Its message retry is set
/// once, by <see cref="BankQueryConsumerDefinition"/>; setting it here too would nest one retry inside the other.
/// </summary>
internal sealed class BankInquiryPollConsumerDefinition : ConsumerDefinition<BankInquiryPollConsumer>
{
    public BankInquiryPollConsumerDefinition(IOptionsMonitor<AgencyOptions> options)
    {
        EndpointName = AgencyQueue.Name(BankAdapter.Code);
        ConcurrentMessageLimit = options.Get(BankAdapter.Code).ConcurrentMessageLimit;

        // As for the questions: polls are sent to the queue, and its broker user may bind no message-type exchange.
        Endpoint(endpoint => endpoint.ConfigureConsumeTopology = false);
    }
}
