namespace Dibao.Verification.Host.Batches;

public sealed record HouseholdView(string Ref, string ConsentRef, int Members, VerificationView Verification);
