namespace Dibao.Verification.Host.Confirmation;

/// <summary>A public notice's first and last day (公示期), office dates, both included.</summary>
public sealed record NoticePeriod(DateOnly From, DateOnly To);
