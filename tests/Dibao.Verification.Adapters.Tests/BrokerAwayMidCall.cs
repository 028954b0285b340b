using Dibao.Verification.Contracts.V1;
using MassTransit;
using MassTransit.Context;
using WireMock;

namespace Dibao.Verification.Adapters.Tests;

/// <summary>
/// Stands for the broker going away while an adapter asks its agency: RabbitMQ cancels the deliveries a process holds
/// then, and delivers them again once it is back. The first delivery of a question runs under a token cancelled the
/// moment the agency has the request, before its answer is back; the agency's stub counts what reached it.
/// </summary>
internal sealed class BrokerAwayMidCall : IFilter<ConsumeContext>, IDisposable
{
    private readonly CancellationTokenSource _away = new();
    private int _deliveries;
    private readonly TaskCompletionSource _gone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _requests;

    /// <summary>Requests that reached the agency, the one the cancelled delivery was waiting on among them.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>
    /// Puts this in the bus's consume pipe, and makes a send under a cancelled token fail, as RabbitMQ's publish does:
    /// the in-memory transport would deliver it all the same.
    /// </summary>
    public void Configure(IInMemoryBusFactoryConfigurator bus)
    {
        bus.UseFilter(this);
        bus.ConfigureSend(send => send.UseSendExecute(context => context.CancellationToken.ThrowIfCancellationRequested()));
    }

    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        var first = context.TryGetMessage<QueryAgency>(out _) && Interlocked.Increment(ref _deliveries) == 1;
        await next.Send(first ? new CancelledDelivery(context, _away.Token) : context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("brokerAwayMidCall");

    /// <summary>Completes when the first request has reached the agency and the broker has gone.</summary>
    public Task Gone => _gone.Task;

    /// <summary>
    /// The agency's body for every request, given once the broker has gone and, if <paramref name="heldUntil"/> is given,
    /// once it completes: as an agency still answering when the broker is back.
    /// </summary>
    public Func<IRequestMessage, Task<string>> Answering(string body, Task? heldUntil = null) => async _ =>
    {
        Interlocked.Increment(ref _requests);
        await _away.CancelAsync();
        _gone.TrySetResult();
        if (heldUntil is not null)
        {
            await heldUntil;
        }

        return body;
    };

    public void Dispose() => _away.Dispose();

    /// <summary>A delivery under the given token, as a RabbitMQ delivery is under its channel's.</summary>
    private sealed class CancelledDelivery(ConsumeContext context, CancellationToken token) : ConsumeContextProxy(context)
    {
        public override CancellationToken CancellationToken => token;
    }
}
