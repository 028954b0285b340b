namespace Dibao.Verification.Host.Audit;

/// <summary>
/// The last entry of the audit trail, in its one row: appending locks it, so appenders in any number of hub instances
/// take turns, and it tells the check where the chain must end, so a deleted last entry is seen too.
/// </summary>
public sealed class AuditChainHead
{
    public const int TheOne = 1;

    public int Id { get; init; }
    public long Sequence { get; set; }
    public string Hash { get; set; } = AuditChain.Genesis;
}
