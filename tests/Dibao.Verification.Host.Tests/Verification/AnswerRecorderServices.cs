using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Recomparison;
using Dibao.Verification.Host.Tests.Audit;
using Dibao.Verification.Host.Tests.Persistence;
using Dibao.Verification.Host.Verification;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Verification;

/// <summary>The hub's answer recording alone, as the hub registers it, on a SQLite file in <c>folder</c>.</summary>
public static class AnswerRecorderServices
{
    public static ServiceProvider On(string folder) =>
        HubDatabase.Services("Sqlite", $"Data Source={Path.Combine(folder, "hub.db")}", (services, _) =>
        {
            services.AddSingleton<EvaluationQueue>();
            services.AddScoped<AgencyAnswerRecorder>();
            services.AddScoped<ChunkAnswers>();
            services.AddSingleton<RecomparisonWake>();
            services.AddSingleton<HeldMessagesSignal>();
            services.AddTestAudit();
        });
}
