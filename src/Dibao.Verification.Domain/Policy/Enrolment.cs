namespace Dibao.Verification.Domain.Policy;

/// <summary>A member found on the recipient roll in another household (重复享受).</summary>
/// <param name="IdNumber">The member's identity number.</param>
/// <param name="Township">The township of the household on the roll.</param>
/// <param name="HouseholdRef">That household's ref in its township.</param>
public sealed record Enrolment(string IdNumber, string Township, string HouseholdRef);
