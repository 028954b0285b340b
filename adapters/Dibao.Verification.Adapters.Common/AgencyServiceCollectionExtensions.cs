using Dibao.Verification.Contracts.V1;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Refit;
using Dibao.Verification.Messaging;

namespace Dibao.Verification.Adapters.Common;

/// <summary>The registration pieces each agency adapter composes in its own <c>Add…Adapter</c> method.</summary>
public static class AgencyServiceCollectionExtensions
{
    /// <summary>Binds <see cref="AgencyOptions"/> named <paramref name="agency"/> from <paramref name="section"/>, validated at start-up.</summary>
    public static OptionsBuilder<AgencyOptions> AddAgencyOptions(this IServiceCollection services, string agency, IConfigurationSection section)
    {
        services.TryAddSingleton(TimeProvider.System);
        var path = section.Path;
        return services.AddOptions<AgencyOptions>(agency)
            .Bind(section)
            .Validate(
                o => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps),
                $"{path}:BaseUrl must be set to the agency's absolute http(s) base URL.")
            .Validate(o => o.AttemptTimeout > TimeSpan.Zero, $"{path}:AttemptTimeout must be positive.")
            .Validate(o => o.MaxRetryAttempts >= 0, $"{path}:MaxRetryAttempts must not be negative.")
            .Validate(o => o.RetryBaseDelay >= TimeSpan.Zero, $"{path}:RetryBaseDelay must not be negative.")
            .Validate(o => o.MaxConcurrentRequests >= 1, $"{path}:MaxConcurrentRequests must be at least 1.")
            .Validate(o => o.ConcurrentMessageLimit >= 1, $"{path}:ConcurrentMessageLimit must be at least 1.")
            .Validate(o => o.CircuitBreakerFailureRatio is > 0 and <= 1, $"{path}:CircuitBreakerFailureRatio must be in (0, 1].")
            .Validate(o => o.CircuitBreakerBreakDuration >= TimeSpan.FromMilliseconds(500), $"{path}:CircuitBreakerBreakDuration must be at least 0.5 s.")
            .Validate(o => o.Deadline > TimeSpan.Zero, $"{path}:Deadline must be positive.")
            .ValidateOnStart();
    }

    /// <summary>
    /// Registers the consumer that answers an agency's questions, with the inbox every agency consumer in the process
    /// shares, bound from <c>Adapters:Inbox</c> and validated at start-up.
    /// </summary>
    public static IConsumerRegistrationConfigurator<TConsumer> AddAgencyConsumer<TConsumer, TDefinition>(
        this IBusRegistrationConfigurator bus, IConfiguration configuration)
        where TConsumer : class, IConsumer<QueryAgency>
        where TDefinition : class, IConsumerDefinition<TConsumer>
    {
        if (!bus.Any(d => d.ServiceType == typeof(AgencyAnswerInbox)))
        {
            bus.TryAddSingleton(TimeProvider.System);
            const string path = AgencyInboxOptions.Section;
            bus.AddOptions<AgencyInboxOptions>()
                .Bind(configuration.GetSection(path))
                .Validate(o => o.Capacity >= 1, $"{path}:Capacity must be at least 1.")
                .Validate(o => o.MaxAge > TimeSpan.Zero, $"{path}:MaxAge must be positive.")
                .ValidateOnStart();
            bus.TryAddSingleton<IQueueSendEndpoints, ShortAddressSendEndpoints>();
            bus.TryAddSingleton<BrokerSendTimeout>();
            bus.AddSingleton<AgencyAnswerInbox>();
        }

        return bus.AddConsumer<TConsumer, TDefinition>();
    }

    /// <summary>
    /// The Refit client for <typeparamref name="TApi"/> with the agency's base URL, API key, resilience pipeline
    /// and attempt counting. Use after <see cref="AddAgencyOptions"/> for the same agency.
    /// </summary>
    public static IHttpClientBuilder AddAgencyHttpClient<TApi>(this IServiceCollection services, string agency)
        where TApi : class =>
        services.AddRefitGeneratedClient<TApi>(AgencyJson.RefitSettings()).ConfigureAgencyClient(agency);

    /// <summary>
    /// A named <see cref="HttpClient"/> (the name is <paramref name="agency"/>) configured like
    /// <see cref="AddAgencyHttpClient{TApi}"/>, for agencies that publish one interface at several addresses,
    /// where one typed client per interface cannot tell the addresses apart.
    /// </summary>
    public static IHttpClientBuilder AddAgencyHttpClient(this IServiceCollection services, string agency) =>
        services.AddHttpClient(agency).ConfigureAgencyClient(agency);

    private static IHttpClientBuilder ConfigureAgencyClient(this IHttpClientBuilder client, string agency)
    {
        client.Services.AddMetrics();
        client.Services.TryAddSingleton<AgencyRequestMetrics>();
        client.ConfigureHttpClient((provider, http) =>
            {
                var options = provider.GetRequiredService<IOptionsMonitor<AgencyOptions>>().Get(agency);
                http.BaseAddress = new Uri(options.BaseUrl!);
                http.Timeout = options.Deadline;
                if (!string.IsNullOrEmpty(options.ApiKey))
                {
                    http.DefaultRequestHeaders.Add("X-Api-Key", options.ApiKey);
                }
            })
            // The default HTTP logs write request URLs, and agency URLs carry identity numbers.
            .RemoveAllLoggers();

        client.AddResilienceHandler($"{agency}-pipeline", (pipeline, context) =>
        {
            context.EnableReloads<AgencyOptions>(agency);
            AgencyResiliencePipeline.Configure(pipeline, context.GetOptions<AgencyOptions>(agency));
        });

        return client
            .AddHttpMessageHandler(provider => new AgencyRequestTelemetryHandler(agency, provider.GetRequiredService<AgencyRequestMetrics>()))
            .AddHttpMessageHandler(() => new AttemptCountingHandler())
            .AddHttpMessageHandler(() => new IncompleteAnswerHandler());
    }
}
