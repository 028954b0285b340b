namespace Dibao.Verification.Host.Disputes;

public static class DisputeRegistration
{
    /// <summary>Applicants' disputes (复查): recorded by the township, re-checked, answered within working days, reminded of when late.</summary>
    public static IServiceCollection AddDisputes(this IServiceCollection services)
    {
        services.AddSingleton<DisputeDeadlines>();
        services.AddScoped<DisputeCommands>();
        services.AddScoped<DisputeReminders>();
        return services;
    }
}
