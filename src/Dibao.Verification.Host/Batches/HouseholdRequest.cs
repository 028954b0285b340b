namespace Dibao.Verification.Host.Batches;

public sealed record HouseholdRequest
{
    public string? Ref { get; init; }
    public string? ConsentRef { get; init; }

    /// <summary>When the authorization was signed; the submission date when not given.</summary>
    public DateOnly? ConsentSignedOn { get; init; }
    public List<MemberRequest>? Members { get; init; }

    /// <summary>The CSV <c>since</c> column as written, for imports of the recipient roll; null when the file has none.</summary>
    internal string? Since { get; init; }

    /// <summary>The CSV line of each member, when the batch came as CSV; errors then name lines, not JSON paths.</summary>
    internal List<int>? SourceLines { get; init; }
}
