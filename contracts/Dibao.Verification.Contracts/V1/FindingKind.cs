namespace Dibao.Verification.Contracts.V1;

public enum FindingKind
{
    /// <summary>The agency holds records about the person.</summary>
    RecordsFound = 1,

    /// <summary>The agency answered and holds nothing: an answer, not a failure.</summary>
    NoRecords = 2,

    /// <summary>The agency refused to answer about this person for a reason that asking again will not change.</summary>
    Refused = 3,
}
