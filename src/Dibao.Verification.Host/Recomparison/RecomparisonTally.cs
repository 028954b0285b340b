namespace Dibao.Verification.Host.Recomparison;

/// <summary>What one source was asked about in one chunk, and how many of those it refused or did not answer.</summary>
public sealed class RecomparisonTally
{
    public Guid ChunkId { get; init; }
    public Guid RunId { get; init; }
    public required string Source { get; init; }
    public int Asked { get; init; }
    public int Refused { get; init; }
    public int Unavailable { get; init; }
}
