using Dibao.Verification.Host.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.Audit;

/// <summary>The audit trail's services for tests that register the hub's parts one by one, with a fixed person key.</summary>
public static class TestAudit
{
    public static readonly byte[] PersonKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    public static IServiceCollection AddTestAudit(this IServiceCollection services)
    {
        services.AddSingleton(new PersonHasher(PersonKey));
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<AgencyQueryAudit>();
        return services;
    }
}
