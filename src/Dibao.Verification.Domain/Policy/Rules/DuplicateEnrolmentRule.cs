namespace Dibao.Verification.Domain.Policy.Rules;

/// <summary>
/// A person already receiving the benefit in another household would receive it twice (重复享受): a person looks at which
/// household they belong to, whatever the figures say.
/// </summary>
public static class DuplicateEnrolmentRule
{
    public static IEnumerable<Reason> Assess(HouseholdEvidence household)
    {
        foreach (var enrolment in household.Enrolments ?? [])
        {
            var name = household.Members.FirstOrDefault(m => m.IdNumber == enrolment.IdNumber)?.Name ?? enrolment.IdNumber;
            yield return new Reason(
                ReasonCodes.DuplicateEnrolment,
                ReasonSeverity.Review,
                enrolment.IdNumber,
                null,
                $"低保名册：{enrolment.Township} {enrolment.HouseholdRef}",
                $"{name}已在乡镇（街道）{enrolment.Township}的在册低保户 {enrolment.HouseholdRef} 中享受低保，须核实其应属哪一户，不得重复享受。");
        }
    }
}
