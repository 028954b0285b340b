namespace Dibao.Verification.Sandbox.Population;

/// <param name="Type">individual-business, company or farmer-cooperative.</param>
/// <param name="Role">operator, legal-representative or shareholder.</param>
/// <param name="RegisteredCapitalWan">万元 (10,000 yuan).</param>
/// <param name="Status">active, deregistered or revoked.</param>
public sealed record SyntheticBusiness(
    string CreditCode,
    string Name,
    string Type,
    string Role,
    decimal RegisteredCapitalWan,
    string Status,
    DateOnly Established,
    DateOnly? Deregistered);
