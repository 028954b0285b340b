using Dibao.Verification.Contracts.V1;
using Dibao.Verification.Domain.Policy;

namespace Dibao.Verification.Host.Verification;

/// <summary>What one person's answer becomes: answered with a finding, or refused with the agency's code.</summary>
internal sealed record AnswerWrite(string IdHash, AnswerState State, FindingKind? Kind, string? RefusalCode, string? FactsJson)
{
    public bool IsNoRecords => State == AnswerState.Answered && Kind == FindingKind.NoRecords && RefusalCode is null && FactsJson is null;
}
