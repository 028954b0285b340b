namespace Dibao.Verification.Host.Roll;

public static class RollRegistration
{
    /// <summary>The recipient roll (低保名册): joined on a confirmed pass or by import, listed by jurisdiction, its authorizations renewed.</summary>
    public static IServiceCollection AddRoll(this IServiceCollection services)
    {
        services.AddScoped<RollRegister>();
        services.AddScoped<RollQueries>();
        services.AddScoped<AuthorizationRenewal>();
        return services;
    }
}
