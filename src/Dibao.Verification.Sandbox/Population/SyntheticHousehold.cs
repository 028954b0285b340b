namespace Dibao.Verification.Sandbox.Population;

/// <param name="Index">Position in the population's household sequence.</param>
/// <param name="HouseholdRef">H-000123.</param>
/// <param name="ConsentRef">SQ-2026-000123: the signed authorization to query the agencies.</param>
/// <param name="Members">The applicant first.</param>
public sealed record SyntheticHousehold(int Index, string HouseholdRef, string ConsentRef, string AreaCode, IReadOnlyList<SyntheticHouseholdMember> Members);
