namespace Dibao.Verification.Adapters.BusinessRegistry.Wire;

/// <summary>One page of a person's entities; <see cref="Total"/> counts them over all pages.</summary>
internal sealed record EntitiesPageWire(int Total, int Page, int PageSize, IReadOnlyList<EntityWire> Items);
