using Dibao.Verification.Domain.Policy;

namespace Dibao.Verification.Host.Batches;

/// <param name="Accepted">The normalized batch when there is no problem; null otherwise.</param>
/// <param name="Parameters">The township's policy parameters when accepted.</param>
public sealed record BatchValidation(BatchRequest? Accepted, PolicyParameters? Parameters, IReadOnlyList<SubmissionProblem> Problems);
