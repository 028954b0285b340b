namespace Dibao.Verification.Adapters.Common;

/// <summary>Sits below the resilience handler so that each retry passes through it.</summary>
internal sealed class AttemptCountingHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        AttemptCounter.Record();
        return base.SendAsync(request, cancellationToken);
    }
}
