using Dibao.Verification.Adapters.Common;
using Dibao.Verification.Messaging;
using Dibao.Verification.Messaging.Telemetry;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.AgencyHost;

/// <summary>
/// Builds the agency host: the adapters named in <c>AgencyHost:Agencies</c>, configured from <c>Agencies:*</c>, on the bus
/// configured in <c>Bus:*</c> with this host's own broker credentials. No database: the adapters keep only their inbox.
/// </summary>
public static class AgencyHostApplication
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        // Settings ship beside the binaries, so the host reads the same appsettings.json wherever it is started from. They
        // are read once, at start-up: watching them for changes would watch every file written under the content root.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false", .. args],
            ContentRootPath = AppContext.BaseDirectory,
        });
        customize?.Invoke(builder);
        if (builder.Environment.IsProduction() && WellKnownSecrets.Find(builder.Configuration) is { } wellKnown)
        {
            throw new AgencyHostConfigurationException(wellKnown.Key, WellKnownSecrets.Refusal(wellKnown));
        }

        var agencies = AgencyAdapters.Selected(builder.Configuration);

        // The bus registers its own check here: /health is unhealthy until the broker connection and endpoints are up.
        builder.Services.AddHealthChecks();
        builder.Services.AddVerificationBus(builder.Configuration, "dibao-agency-host", bus =>
        {
            foreach (var agency in agencies)
            {
                AgencyAdapters.ByCode[agency](bus, builder.Configuration);
            }
        });

        builder.Services.AddVerificationTelemetry(builder.Configuration, "dibao-agency-host");

        var app = builder.Build();

        // Options are checked here rather than by StartAsync, whose host logs the failure with its stack trace before rethrowing it.
        app.Services.GetService<IStartupValidator>()?.Validate();
        app.Logger.LogInformation("Agency host answering for {Agencies}", string.Join(", ", agencies));
        app.MapHealthChecks("/health");
        return app;
    }
}
