using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Scheduling;
using Quartz;

namespace Dibao.Verification.Host.Recomparison;

public static class RecomparisonRegistration
{
    /// <summary>The re-comparison of the roll: runs, their worker on every instance, and the nightly Quartz trigger.</summary>
    public static IServiceCollection AddRecomparison(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RecomparisonOptions>().BindConfiguration(RecomparisonOptions.Section)
            .Validate(o => IsCron(o.Schedule), "Recomparison:Schedule must be a Quartz cron expression, such as 0 0 2 * * ?.")
            .Validate(o => o.IncomeChangeThreshold is > 0 and < 10, "Recomparison:IncomeChangeThreshold must be a share above 0, such as 0.10 for 10 %.")
            .Validate(o => o.HouseholdsPerChunk > 0 && o.ChunksInFlight > 0, "Recomparison:HouseholdsPerChunk and Recomparison:ChunksInFlight must be positive.")
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Recomparison:PollInterval must be positive.")
            .Validate(o => o.Agencies.Values.All(a => a.MaxPersonsPerSecond is null or > 0), "Recomparison:Agencies:<code>:MaxPersonsPerSecond must be positive; leave it out for no limit.")
            .Validate(o => o.Agencies.Values.All(a => HoursWindow.TryParse(a.Window, out _)), "Recomparison:Agencies:<code>:Window must be hours in the offices' time, such as 22:00-06:00.")
            .ValidateOnStart();
        services.AddSingleton<RecomparisonWake>();
        services.AddSingleton<AgencyLimits>();
        services.AddScoped<RecomparisonRuns>();
        services.AddScoped<RecomparisonChunks>();
        services.AddScoped<RecomparisonComparison>();
        services.AddScoped<ChunkAnswers>();
        services.AddScoped<RecomparisonSettlement>();
        services.AddHostedService<RecomparisonWorker>();

        var schedule = configuration.GetSection(RecomparisonOptions.Section).Get<RecomparisonOptions>()?.Schedule ?? new RecomparisonOptions().Schedule;
        var offset = configuration.GetSection(ConfirmationOptions.Section).Get<ConfirmationOptions>()?.OfficeUtcOffset ?? new ConfirmationOptions().OfficeUtcOffset;
        // Added to the hub's one scheduler (Scheduling/), whose store is shared by the instances: each night fires on one.
        services.AddQuartz(quartz => quartz.AddJob<RecomparisonJob>(job => job.WithIdentity(RecomparisonJob.Key).StoreDurably()));
        services.AddHubTrigger(TriggerBuilder.Create()
            .ForJob(RecomparisonJob.Key)
            .WithIdentity(RecomparisonJob.TriggerKey)
            // A night missed while every instance was down is not made up in the morning, when offices work.
            .WithCronSchedule(schedule, cron => cron.InTimeZone(OfficeTimeZone(offset)).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
            .Build());
        return services;
    }

    private static bool IsCron(string expression)
    {
        try
        {
            _ = new CronExpression(expression);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// The offices' clock as a zone Quartz can store by name and find again: <c>Etc/GMT-8</c> is UTC+8 (the sign is
    /// reversed in those names). China keeps no summer time, so a fixed offset is its time.
    /// </summary>
    private static TimeZoneInfo OfficeTimeZone(TimeSpan offset) =>
        offset == TimeSpan.Zero ? TimeZoneInfo.Utc
        : offset.Minutes == 0 ? TimeZoneInfo.FindSystemTimeZoneById($"Etc/GMT{(offset > TimeSpan.Zero ? "-" : "+")}{Math.Abs(offset.Hours)}")
        : throw new InvalidOperationException("Confirmation:OfficeUtcOffset must be a whole number of hours for the nightly re-comparison's schedule.");
}
