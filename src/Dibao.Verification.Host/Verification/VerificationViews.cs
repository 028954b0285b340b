using System.Text.Json;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Messaging;

namespace Dibao.Verification.Host.Verification;

/// <summary>A round's result as the batch, case and round views show it: stored, never recomputed.</summary>
public static class VerificationViews
{
    public const string Pending = "pending";
    public const string Error = "error";
    public const string EvaluationErrorCode = "EVALUATION_ERROR";

    /// <summary>The household's current round: its evaluation, <c>pending</c> while answers are awaited, or <c>error</c> when parked.</summary>
    public static VerificationView Of(Household household, RoundEvaluation? evaluation)
    {
        if (evaluation is not null)
        {
            return Of(evaluation);
        }

        if (household.EvaluationError is not null)
        {
            return new VerificationView(
                Error,
                null,
                null,
                [new ReasonView(EvaluationErrorCode, Error, null, null, household.EvaluationError,
                    "系统未能计算本户的核对结果，已暂停处理；请联系运维人员查看 /health 与日志，排除原因后重启核对中心即可重新计算。", null, null)],
                null,
                household.CurrentRound);
        }

        return new VerificationView(Pending, null, null, [], null, household.CurrentRound);
    }

    public static VerificationView Of(RoundEvaluation evaluation) =>
        new(
            OutcomeNames.Of(evaluation.Outcome),
            evaluation.PerCapitaMonthlyIncome,
            evaluation.PerCapitaFinancialAssets,
            Reasons(evaluation),
            new DateTimeOffset(evaluation.EvaluatedAtUtc, TimeSpan.Zero),
            evaluation.RoundNumber,
            evaluation.PolicyName,
            evaluation.PolicyHash,
            evaluation.DeclarationsJson is { } declarations ? JsonSerializer.Deserialize<DeclarationComparison>(declarations, HubJson.Options) : null);

    public static IReadOnlyList<ReasonView> Reasons(RoundEvaluation evaluation) =>
        [.. (JsonSerializer.Deserialize<List<Reason>>(evaluation.ReasonsJson, HubJson.Options) ?? [])
            .Select(r => new ReasonView(r.Code, OutcomeNames.Of(r.Severity), r.IdNumber, r.Agency, r.Evidence, r.Message, r.Actual, r.Limit))];
}
