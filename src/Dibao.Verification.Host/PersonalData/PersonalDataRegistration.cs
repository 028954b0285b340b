using Dibao.Verification.Host.Audit;

namespace Dibao.Verification.Host.PersonalData;

public static class PersonalDataRegistration
{
    /// <summary>The protector of personal data at rest; its keys are resolved now, so a missing or malformed one stops the start-up.</summary>
    public static IServiceCollection AddPersonalData(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(PersonalDataOptions.Section).Get<PersonalDataOptions>() ?? new PersonalDataOptions();
        var audit = configuration.GetSection(AuditOptions.Section).Get<AuditOptions>() ?? new AuditOptions();
        services.AddSingleton(PersonalDataKeys.Resolve(options, new PersonHasher(PersonKey.Resolve(audit, environment)), environment));
        return services;
    }
}
