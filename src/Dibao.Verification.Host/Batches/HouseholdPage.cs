namespace Dibao.Verification.Host.Batches;

/// <summary>Which households of a batch a view shows: a page of a county's batch, in the order submitted.</summary>
/// <param name="Number">From 1.</param>
public sealed record HouseholdPage(int Number, int Size)
{
    public const int MaxSize = 5000;
}
