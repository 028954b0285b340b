namespace Dibao.Verification.Host.WebConsole;

/// <summary>A batch as the start page lists it, with how many of its households have settled.</summary>
public sealed record BatchRow(Guid Id, string Township, string Purpose, DateOnly AsOf, DateTimeOffset SubmittedAt, int Households, int Settled);
