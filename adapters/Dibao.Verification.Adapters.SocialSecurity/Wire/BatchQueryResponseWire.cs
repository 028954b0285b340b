namespace Dibao.Verification.Adapters.SocialSecurity.Wire;

/// <summary>Holds only the persons with records; the others are absent.</summary>
internal sealed record BatchQueryResponseWire(IReadOnlyList<InsuredPersonWire> Persons);
