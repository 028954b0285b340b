namespace Dibao.Verification.Host.Verification;

/// <summary>
/// One verification of a household: its members, the agencies' answers about them and, once nothing is awaited, its
/// evaluation. Rounds are appended, never changed or deleted, so whatever a tier signed can always be read again.
/// </summary>
public sealed class VerificationRound
{
    public Guid Id { get; init; }
    public Guid HouseholdId { get; init; }
    public Guid BatchId { get; init; }
    public int Number { get; init; }

    /// <summary>One of <see cref="RoundCauses"/>.</summary>
    public required string Cause { get; init; }

    public DateTime StartedAtUtc { get; init; }
}
