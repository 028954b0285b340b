using Dibao.Verification.Host.Confirmation;

namespace Dibao.Verification.Host.Batches;

/// <param name="Verification">The automated result; what the tiers sign is in <paramref name="Final"/>.</param>
/// <param name="CaseId">The household's confirmation case, once its automated verification has settled.</param>
/// <param name="Tier"><c>township</c>, <c>county</c> or <c>city</c>.</param>
/// <param name="State"><c>verifying</c>, <c>awaiting-review</c>, <c>returned</c> or <c>confirmed</c>.</param>
/// <param name="Final">The confirmed result with who signed it at each tier; null until the city confirms.</param>
public sealed record HouseholdView(
    string Ref,
    string ConsentRef,
    int Members,
    VerificationView Verification,
    Guid? CaseId = null,
    string? Tier = null,
    string? State = null,
    FinalView? Final = null);
