using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Recomparison;
using Dibao.Verification.Host.Tests.Audit;
using Dibao.Verification.Host.Tests.Persistence;
using Dibao.Verification.Host.Verification;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Verification;

/// <summary>The hub's answer recording alone, as the hub registers it.</summary>
public static class AnswerRecorderServices
{
    /// <summary>On a SQLite file in <c>folder</c>.</summary>
    public static ServiceProvider On(string folder) => On("Sqlite", $"Data Source={Path.Combine(folder, "hub.db")}");

    public static ServiceProvider On(string provider, string connectionString) =>
        HubDatabase.Services(provider, connectionString, (services, _) =>
        {
            services.AddSingleton<EvaluationQueue>();
            services.AddScoped<AgencyAnswerRecorder>();
            services.AddScoped<ChunkAnswers>();
            services.AddSingleton<RecomparisonWake>();
            services.AddSingleton<HeldMessagesSignal>();
            services.AddTestAudit();
        });
}
