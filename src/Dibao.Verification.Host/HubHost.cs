using Dibao.Verification.Adapters.Bank;
using Dibao.Verification.Adapters.BusinessRegistry;
using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Adapters.HousingFund;
using Dibao.Verification.Adapters.SocialSecurity;
using Dibao.Verification.Adapters.Tax;
using Dibao.Verification.Adapters.Vehicle;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Access;
using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Disputes;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Operations;
using Dibao.Verification.Host.Operations.Telemetry;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.PersonalData;
using Dibao.Verification.Host.Policy;
using Dibao.Verification.Host.PublicNotice;
using Dibao.Verification.Host.Recomparison;
using Dibao.Verification.Host.Reports;
using Dibao.Verification.Host.Roll;
using Dibao.Verification.Host.Sandbox;
using Dibao.Verification.Host.StaffRelatives;
using Dibao.Verification.Host.Verification;
using Dibao.Verification.Host.WebConsole;
using Dibao.Verification.Messaging;
using Dibao.Verification.Sandbox;
using MassTransit;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host;

/// <summary>Builds the hub: used by the API, the <c>verify</c> command and the tests alike.</summary>
public static class HubHost
{
    private const string AdaptersInProcessKey = VerificationOptions.Section + ":" + nameof(VerificationOptions.AdaptersInProcess);

    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? customize = null, CancellationToken cancellationToken = default)
    {
        // Settings ship beside the binaries, so the hub reads the same appsettings.json wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = UnwatchedConfiguration.Args(args), ContentRootPath = AppContext.BaseDirectory });
        customize?.Invoke(builder);
        if (builder.Environment.IsProduction() && WellKnownSecrets.Find(builder.Configuration) is { } wellKnown)
        {
            throw new HubConfigurationException(wellKnown.Key, WellKnownSecrets.Refusal(wellKnown));
        }

        var sandbox = await SandboxBootstrap.StartIfEnabledAsync(builder.Configuration, builder.Environment, cancellationToken);
        try
        {
            var app = Build(builder, sandbox);
            try
            {
                await PendingMigrationsCheck.RunAsync(app.Services, cancellationToken);
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }

            return app;
        }
        catch
        {
            // The hub will not run, so nothing else stops the simulators already listening.
            if (sandbox is not null)
            {
                await sandbox.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>The database as configured, with its upkeep while the hub runs.</summary>
    internal static void AddDatabase(IServiceCollection services, IConfiguration configuration) =>
        RegisterDatabase(() => services.AddHubPersistence(configuration));

    /// <summary>The database as configured and nothing else, for the commands (<c>migrate</c>, <c>verify-audit</c>, <c>seed-roll</c>).</summary>
    internal static void AddDatabaseForCommand(IServiceCollection services, IConfiguration configuration) =>
        RegisterDatabase(() => services.AddHubDatabase(configuration));

    private static bool NamesEachOnce(List<string> codes) => codes.Distinct(StringComparer.OrdinalIgnoreCase).Count() == codes.Count;

    private static void RegisterDatabase(Action register)
    {
        try
        {
            register();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IOException or UnauthorizedAccessException && !ConfigurationErrors.IsBindingFailure(ex))
        {
            // Registration refuses an unsupported provider, a malformed connection string or a data folder it cannot create.
            throw new HubConfigurationException(ex is InvalidOperationException ? "Database:Provider" : "Database:ConnectionString", ex.Message, ex);
        }
    }

    private static WebApplication Build(WebApplicationBuilder builder, SandboxServer? sandbox)
    {
        var limits = builder.Configuration.GetSection(BatchLimits.Section).Get<BatchLimits>() ?? new BatchLimits();
        // One byte over the batch limit, so the batch endpoint answers 413 itself, naming the key, rather than Kestrel.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = limits.MaxBodyBytes + 1);

        var services = builder.Services;
        if (sandbox is not null)
        {
            services.AddSingleton(sandbox);
        }

        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails(Problems.HubProblems.Configure);
        services.AddOpenApi();

        services.AddOptions<PolicyOptions>().BindConfiguration(PolicyOptions.Section);
        services.AddSingleton<PolicyProvider>();
        services.AddOptions<BatchLimits>().BindConfiguration(BatchLimits.Section);
        services.AddOptions<Consent.ConsentOptions>().BindConfiguration(Consent.ConsentOptions.Section)
            .Validate(o => o.ValidFor > 0, "Consent:ValidFor must be a positive number of months.")
            .ValidateOnStart();
        services.AddOptions<VerificationOptions>().BindConfiguration(VerificationOptions.Section)
            .Validate(o => AgencyCodes.All.All(code => o.Agencies.Contains(code, StringComparer.Ordinal)),
                $"Verification:Agencies must name every agency the policy rests on ({string.Join(", ", AgencyCodes.All)}): a household is never passed on what an agency not asked might have found.")
            .Validate(o => o.PersonsPerQuery > 0, "Verification:PersonsPerQuery must be positive.")
            .Validate(o => o.MaxQueriesInFlight > 0, "Verification:MaxQueriesInFlight must be positive.")
            .Validate(o => !o.Agencies.Contains(AgencyCodes.Bank) || o.Banks.Exists(code => code.Length > 0), "Verification:Banks must list the bank codes to ask when Verification:Agencies includes bank.")
            .Validate(o => NamesEachOnce(o.Agencies) && NamesEachOnce(o.Banks),
                "Verification:Agencies and Verification:Banks must name each agency and bank once (letter case aside): one named twice is asked twice and its answers counted twice.")
            .Validate(o => o.Deadlines.Values.All(d => d > TimeSpan.Zero), "Verification:Deadlines must all be positive.")
            .Validate(o => o.ReadyRecheckInterval > TimeSpan.Zero, "Verification:ReadyRecheckInterval must be positive.")
            .ValidateOnStart();

        AddDatabase(services, builder.Configuration);
        services.AddHubAccess(builder.Configuration, builder.Environment);
        services.AddConsole(builder.Configuration);
        services.AddAudit(builder.Configuration, builder.Environment);
        services.AddPersonalData(builder.Configuration, builder.Environment);

        services.AddScoped<BatchValidator>();
        services.AddScoped<BatchSubmissionService>();
        services.AddScoped<BatchQueries>();
        services.AddScoped<AgencyQueryPlanner>();
        services.AddScoped<RoundSettlement>();
        services.AddScoped<AgencyAnswerRecorder>();
        services.AddHealthChecks()
            .AddCheck<OutboxHealthCheck>("outbox")
            .AddCheck<ParkedHouseholdsHealthCheck>("evaluation");
        services.AddSingleton<EvaluationQueue>();
        services.AddHostedService<HouseholdEvaluationWorker>();
        services.AddSingleton<AgencyDeadlines>();
        services.AddSingleton<DeadlineSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<DeadlineSweeper>());
        services.AddSingleton<Consent.ConsentWithholding>();
        services.AddSingleton<QueryRelease>();
        services.AddHostedService(sp => sp.GetRequiredService<QueryRelease>());
        services.AddConfirmation(builder.Configuration);
        services.AddStaffRelatives();
        services.AddDisputes();
        services.AddRoll();
        services.AddRecomparison(builder.Configuration);
        services.AddReports();

        services.AddHubTelemetry(builder.Configuration);
        services.AddHostedService<UnansweredQueryRecovery>();

        var adaptersInProcess = builder.Configuration.GetValue(AdaptersInProcessKey, true);
        services.AddHubBus(builder.Configuration, bus =>
        {
            bus.AddConsumer<AgencyFindingsReportedConsumer, AgencyAnswerConsumerDefinition<AgencyFindingsReportedConsumer>>();
            bus.AddConsumer<AgencyQueryRefusedConsumer, AgencyAnswerConsumerDefinition<AgencyQueryRefusedConsumer>>();
            if (!adaptersInProcess)
            {
                return;
            }

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
        try
        {
            _ = app.Services.GetRequiredService<PolicyProvider>();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException)
        {
            var path = app.Services.GetRequiredService<IOptions<PolicyOptions>>().Value.Path;
            throw new HubConfigurationException("Policy:Path", ex is FileNotFoundException ? ex.Message : $"{(path.Length == 0 ? "the reference policy" : path)}: {ex.Message}", ex);
        }

        var calendar = CalendarFolder.Resolve(app.Services.GetRequiredService<IOptions<ConfirmationOptions>>().Value);
        try
        {
            app.Services.PrepareConfirmation();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException || ex is InvalidOperationException && ex.Message.Contains(calendar, StringComparison.Ordinal))
        {
            // A broken calendar file is reported naming the file, which lies in the configured folder.
            throw new HubConfigurationException("Confirmation:CalendarPath", ex.Message, ex);
        }

        // Options are checked here rather than by StartAsync, whose host logs the failure with its stack trace before rethrowing it.
        app.Services.GetService<IStartupValidator>()?.Validate();

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHubAccess();
        app.MapOpenApi();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync }).AllowAnonymous();
        app.MapBatchEndpoints();
        app.MapCaseEndpoints();
        app.MapNoticeEndpoints();
        app.MapDisputeEndpoints();
        app.MapStaffRelativeEndpoints();
        app.MapAuditEndpoints();
        app.MapRollEndpoints();
        app.MapRecomparisonEndpoints();
        app.MapReportEndpoints();
        app.MapConsole();
        return app;
    }
}
