namespace Dibao.Verification.Adapters.BusinessRegistry.Wire;

/// <summary>All of the person's entities, unpaged; empty when there are none.</summary>
internal sealed record BatchResultWire(string IdNumber, IReadOnlyList<EntityWire> Items);
