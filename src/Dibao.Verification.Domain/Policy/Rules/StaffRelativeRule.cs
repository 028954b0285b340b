namespace Dibao.Verification.Domain.Policy.Rules;

/// <summary>
/// An application with a close relative of staff among its members is registered and looked at by a person (优亲厚友 must
/// be detectable): never passed by the hub alone, whatever the figures say.
/// </summary>
public static class StaffRelativeRule
{
    public static IEnumerable<Reason> Assess(HouseholdEvidence household)
    {
        foreach (var tie in household.StaffTies ?? [])
        {
            var name = household.Members.FirstOrDefault(m => m.IdNumber == tie.IdNumber)?.Name ?? tie.IdNumber;
            yield return new Reason(
                ReasonCodes.StaffRelativeReview,
                ReasonSeverity.Review,
                tie.IdNumber,
                null,
                $"近亲属备案：工作人员 {tie.StaffUser}（{tie.Jurisdiction}）的{RelationName(tie.Relation)}",
                $"{name}已登记为工作人员 {tie.StaffUser} 的近亲属，须单独登记备案并由他人审核，该工作人员不得签署本案件。");
        }
    }

    private static string RelationName(string relation) => relation switch
    {
        "spouse" => "配偶",
        "parent" => "父母",
        "child" => "子女",
        "sibling" => "兄弟姐妹",
        "grandparent" => "祖父母、外祖父母",
        "grandchild" => "孙子女、外孙子女",
        "in-law" => "姻亲",
        _ => "近亲属",
    };
}
