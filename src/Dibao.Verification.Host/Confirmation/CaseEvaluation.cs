using Dibao.Verification.Domain.Policy;

namespace Dibao.Verification.Host.Confirmation;

/// <summary>What a settled round hands its case to sign: the stored evaluation, its round and what it found.</summary>
public sealed record CaseEvaluation(Guid EvaluationId, int Round, Outcome Outcome, bool HasReviewReasons);
