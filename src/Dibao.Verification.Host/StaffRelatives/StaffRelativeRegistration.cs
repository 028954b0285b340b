namespace Dibao.Verification.Host.StaffRelatives;

public static class StaffRelativeRegistration
{
    /// <summary>The register of staff members' close relatives (近亲属备案) and the one way identity numbers are looked up in it.</summary>
    public static IServiceCollection AddStaffRelatives(this IServiceCollection services)
    {
        services.AddSingleton<IdentityLookup>();
        services.AddScoped<StaffRelativeRegister>();
        return services;
    }
}
