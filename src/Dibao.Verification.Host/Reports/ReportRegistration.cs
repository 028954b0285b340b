namespace Dibao.Verification.Host.Reports;

public static class ReportRegistration
{
    /// <summary>The 核对报告 PDF of a household and the Excel export of a batch's results.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddScoped<HouseholdReports>();
        return services;
    }
}
