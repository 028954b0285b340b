namespace Dibao.Verification.Host.Audit;

public static class AuditRegistration
{
    /// <summary>The audit trail: its key for naming persons (refused when missing in Production), the appender and the check.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(AuditOptions.Section).Get<AuditOptions>() ?? new AuditOptions();
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section)
            .Validate(o => o.Retention >= AuditOptions.MinimumRetention, $"Audit:Retention must be at least {AuditOptions.MinimumRetention} months, the legal minimum.")
            .ValidateOnStart();
        services.AddSingleton(new PersonHasher(PersonKey.Resolve(options, environment)));
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<AgencyQueryAudit>();
        services.AddScoped<RequestAudit>();
        return services;
    }
}
