using Dibao.Verification.Domain.Calendar;
using Dibao.Verification.Host.PublicNotice;
using Dibao.Verification.Host.Scheduling;
using Microsoft.Extensions.Options;
using Quartz;

namespace Dibao.Verification.Host.Confirmation;

public static class ConfirmationRegistration
{
    /// <summary>The three-tier confirmation: cases, deadlines on the working-day calendar and overdue reminders.</summary>
    public static IServiceCollection AddConfirmation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConfirmationOptions>().BindConfiguration(ConfirmationOptions.Section)
            .Validate(o => new[] { o.Tiers.Township, o.Tiers.County, o.Tiers.City }.All(t => t.WorkingDays is >= 0 and <= 250),
                "Confirmation:Tiers:<Tier>:WorkingDays must be between 0 and 250.")
            .Validate(o => o.ReminderInterval > TimeSpan.Zero, "Confirmation:ReminderInterval must be positive.")
            .Validate(o => o.PublicNoticeDays is >= 0 and <= 90, "Confirmation:PublicNoticeDays must be between 0 (no notice) and 90.")
            .Validate(o => o.DisputeWorkingDays is >= 1 and <= 250, "Confirmation:DisputeWorkingDays must be between 1 and 250.")
            .ValidateOnStart();

        services.AddSingleton(sp => CalendarFolder.Load(CalendarFolder.Resolve(sp.GetRequiredService<IOptions<ConfirmationOptions>>().Value)));
        services.AddSingleton<OfficeClock>();
        services.AddSingleton<CaseDeadlines>();
        services.AddHostedService<CalendarStartupCheck>();
        services.AddScoped<CaseWorkflow>();
        services.AddScoped<CaseReverification>();
        services.AddScoped<CaseCommands>();
        services.AddScoped<CaseQueries>();
        services.AddScoped<OverdueReminders>();
        services.AddScoped<PublicNotices>();

        var interval = configuration.GetSection(ConfirmationOptions.Section).Get<ConfirmationOptions>()?.ReminderInterval ?? new ConfirmationOptions().ReminderInterval;
        services.AddHubScheduler(configuration, quartz =>
        {
            quartz.AddJob<PublicNoticeJob>(job => job.WithIdentity(PublicNoticeJob.Key).StoreDurably());
            quartz.AddJob<OverdueReminderJob>(job => job.WithIdentity(OverdueReminderJob.Key).StoreDurably());
        });
        services.AddHubTrigger(Every(interval, PublicNoticeJob.Key, PublicNoticeJob.TriggerKey));
        services.AddHubTrigger(Every(interval, OverdueReminderJob.Key, OverdueReminderJob.TriggerKey));
        return services;
    }

    private static ITrigger Every(TimeSpan interval, JobKey job, TriggerKey key) =>
        TriggerBuilder.Create()
            .ForJob(job)
            .WithIdentity(key)
            // A full interval after the trigger is first stored; a restart keeps the stored rhythm.
            .StartAt(DateTimeOffset.UtcNow + interval)
            // After downtime, one run as soon as an instance is back, then the interval again: never a run per
            // interval missed.
            .WithSimpleSchedule(schedule => schedule.WithInterval(interval).RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount))
            .Build();

    /// <summary>Before the hub starts: fails now, not at the first deadline, when a calendar file is broken.</summary>
    public static void PrepareConfirmation(this IServiceProvider services) => _ = services.GetRequiredService<WorkingDayCalendar>();
}
