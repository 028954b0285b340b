namespace Dibao.Verification.Host.Confirmation;

/// <summary>Who signed the final result at each tier, and when.</summary>
public sealed record TierSignaturesView(SignatureView? Township, SignatureView? County, SignatureView? City);
