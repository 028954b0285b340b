using MassTransit;
using Dibao.Verification.Adapters.Bank;
using Dibao.Verification.Adapters.BusinessRegistry;
using Dibao.Verification.Adapters.HousingFund;
using Dibao.Verification.Adapters.SocialSecurity;
using Dibao.Verification.Adapters.Tax;
using Dibao.Verification.Adapters.Vehicle;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Policy;
using Dibao.Verification.Host.Sandbox;
using Dibao.Verification.Host.Verification;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Dibao.Verification.Host;

/// <summary>Builds the hub: used by the API, the <c>verify</c> command and the tests alike.</summary>
public static class HubHost
{
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? customize = null, CancellationToken cancellationToken = default)
    {
        // Settings ship beside the binaries, so the hub reads the same appsettings.json wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        customize?.Invoke(builder);

        var sandbox = await SandboxBootstrap.StartIfEnabledAsync(builder.Configuration, builder.Environment, cancellationToken);

        var limits = builder.Configuration.GetSection(BatchLimits.Section).Get<BatchLimits>() ?? new BatchLimits();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Math.Max(30_000_000, limits.MaxBodyBytes + 1));

        var services = builder.Services;
        if (sandbox is not null)
        {
            services.AddSingleton(sandbox);
        }

        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.AddOpenApi();

        services.AddOptions<PolicyOptions>().BindConfiguration(PolicyOptions.Section);
        services.AddSingleton<PolicyProvider>();
        services.AddOptions<BatchLimits>().BindConfiguration(BatchLimits.Section);
        services.AddOptions<VerificationOptions>().BindConfiguration(VerificationOptions.Section)
            .Validate(o => o.Agencies.Count > 0, "Verification:Agencies must name at least one agency.")
            .Validate(o => o.PersonsPerQuery > 0, "Verification:PersonsPerQuery must be positive.")
            .ValidateOnStart();

        services.AddHubPersistence(builder.Configuration);
        services.AddScoped<BatchValidator>();
        services.AddScoped<BatchSubmissionService>();
        services.AddScoped<BatchQueries>();
        services.AddScoped<AgencyQueryPlanner>();
        services.AddScoped<HouseholdReevaluator>();
        services.AddSingleton<EvaluationQueue>();
        services.AddHostedService<HouseholdEvaluationWorker>();
        services.AddSingleton<AgencyDeadlines>();
        services.AddSingleton<DeadlineSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<DeadlineSweeper>());
        services.AddConfirmation(builder.Configuration);

        if ((builder.Configuration.GetSection(BusOptions.Section).Get<BusOptions>() ?? new BusOptions()).Transport == BusTransport.InMemory)
        {
            services.AddHostedService<UnansweredQueryRecovery>();
        }

        services.AddHubBus(builder.Configuration, bus =>
        {
            bus.AddConsumer<AgencyFindingsReportedConsumer, AgencyFindingsReportedConsumerDefinition>();
            bus.AddSocialSecurityAdapter(builder.Configuration);
            bus.AddHousingFundAdapter(builder.Configuration);
            bus.AddTaxAdapter(builder.Configuration);
            bus.AddBusinessRegistryAdapter(builder.Configuration);
            bus.AddVehicleAdapter(builder.Configuration);
            bus.AddBankAdapter(builder.Configuration);
        });

        var app = builder.Build();
        if (sandbox is not null)
        {
            app.Lifetime.ApplicationStopped.Register(() => sandbox.DisposeAsync().AsTask().GetAwaiter().GetResult());
        }

        // Fail at start-up, not at the first batch, when the policy file is missing or broken.
        _ = app.Services.GetRequiredService<PolicyProvider>();
        app.Services.PrepareConfirmation();

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapHealthChecks("/health", new HealthCheckOptions());
        app.MapBatchEndpoints();
        app.MapCaseEndpoints();
        return app;
    }
}
