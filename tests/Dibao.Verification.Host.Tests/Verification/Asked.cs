namespace Dibao.Verification.Host.Tests.Verification;

/// <summary>A person asked about, in their household's round.</summary>
public sealed record Asked(Guid Household, Guid Round, string IdNumber);
