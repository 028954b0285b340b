using Dibao.Verification.Host.Verification;

namespace Dibao.Verification.Host.Disputes;

public static class DisputeSummary
{
    /// <summary>What the case's history says of an answered dispute: the agency, and whether the outcome changed.</summary>
    public static string Of(Dispute dispute) =>
        dispute.Changed == true
            ? $"复查（{dispute.Agency}）重新查询后，核对结果由 {OutcomeNames.Of(dispute.OutcomeBefore)} 变为 {OutcomeNames.Of(dispute.OutcomeAfter!.Value)}"
            : $"复查（{dispute.Agency}）重新查询后，核对结果未变（{OutcomeNames.Of(dispute.OutcomeBefore)}）";
}
