namespace Dibao.Verification.Adapters.SocialSecurity.Wire;

/// <param name="Scheme"><c>enterprise-employee</c>, <c>institution</c> or <c>urban-rural-resident</c>.</param>
/// <param name="Status"><c>paying</c>, <c>suspended</c> or <c>terminated</c>.</param>
/// <param name="Since">yyyy-MM-dd.</param>
internal sealed record PensionWire(string Scheme, decimal MonthlyAmount, string Status, string? Since = null);
