using MassTransit;

namespace Dibao.Verification.Adapters.Common;

/// <summary>
/// Message-level retry for agency queries: when the HTTP retries are spent, the whole question is asked again
/// over a few minutes. A rejection is final: the consumers report it to the hub, and one that escapes is not retried.
/// </summary>
public static class AgencyMessageRetry
{
    public static void UseAgencyMessageRetry(this IConsumePipeConfigurator configurator) =>
        configurator.UseMessageRetry(retry =>
        {
            retry.Exponential(5, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(10));
            retry.IgnoreAgencyRejections();
        });

    /// <summary>For any other retry policy that may see adapter exceptions.</summary>
    public static void IgnoreAgencyRejections(this IExceptionConfigurator configurator) =>
        configurator.Ignore<AgencyRejectedException>();
}
