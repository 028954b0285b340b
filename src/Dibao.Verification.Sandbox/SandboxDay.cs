namespace Dibao.Verification.Sandbox;

/// <summary>
/// The sandbox's clock when <see cref="SandboxOptions.Today"/> pins its day. Time itself stays real, as the callers'
/// clocks are: tokens expire, signed requests' timestamps are checked and bank tickets complete as they would. Only the
/// day the records are drawn for (<see cref="SandboxClock.Today"/>) starts on the pinned one, and runs on from there, so
/// a pinned day gives the same answers whatever day a test or a demonstration runs.
/// </summary>
internal sealed class SandboxDay : TimeProvider
{
    private readonly TimeProvider _real;
    private readonly int _shiftDays;

    private SandboxDay(DateOnly today, TimeProvider real)
    {
        _real = real;
        _shiftDays = today.DayNumber - SandboxClock.ChinaDate(real).DayNumber;
    }

    /// <summary>The day in China the records are drawn for.</summary>
    public DateOnly Today => SandboxClock.ChinaDate(_real).AddDays(_shiftDays);

    public override DateTimeOffset GetUtcNow() => _real.GetUtcNow();

    public override long GetTimestamp() => _real.GetTimestamp();

    public override long TimestampFrequency => _real.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _real.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        _real.CreateTimer(callback, state, dueTime, period);

    /// <summary>The clock the simulators run on: the real one, with <paramref name="today"/> pinned when given.</summary>
    public static TimeProvider For(DateOnly? today) => today is { } day ? new SandboxDay(day, System) : System;
}
