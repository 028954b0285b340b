namespace Dibao.Verification.Adapters.BusinessRegistry.Wire;

/// <summary>One entity the person is tied to, as the administration lists it, paged or in bulk.</summary>
/// <param name="Type"><c>individual-business</c>, <c>company</c> or <c>farmer-cooperative</c>.</param>
/// <param name="Role"><c>operator</c>, <c>legal-representative</c> or <c>shareholder</c>.</param>
/// <param name="RegisteredCapitalWan">In 万元 (10,000 yuan), as the contract keeps it.</param>
/// <param name="Status"><c>active</c>, <c>deregistered</c> or <c>revoked</c>.</param>
/// <param name="Name">Descriptive only, and an individual business need not have one (个体工商户 may trade without a 字号).</param>
/// <param name="Established">yyyy-MM-dd.</param>
/// <param name="Deregistered">yyyy-MM-dd; null while the entity exists.</param>
internal sealed record EntityWire(
    string CreditCode,
    string Type,
    string Role,
    decimal RegisteredCapitalWan,
    string Status,
    string? Name = null,
    string? Established = null,
    string? Deregistered = null);
