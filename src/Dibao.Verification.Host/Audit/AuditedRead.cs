namespace Dibao.Verification.Host.Audit;

/// <summary>Endpoint metadata: a successful call reads a batch, a case, a list of them or the trail, and is audited as a read.</summary>
public sealed class AuditedRead
{
    public static AuditedRead Instance { get; } = new();

    private AuditedRead()
    {
    }
}
