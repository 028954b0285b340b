using System.Globalization;
using Dibao.Verification.Domain.Identity;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Consent;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Batches;

/// <summary>
/// The checks at submission: every problem of every row is named, and a batch with any problem is
/// refused whole. Identity numbers are never echoed back: the row and field say which one.
/// </summary>
public sealed class BatchValidator(IOptions<BatchLimits> limits, IOptions<ConsentOptions> consentOptions, OfficeClock office)
{
    /// <summary>No household declares that much: amounts stay within the 18 digits and 2 decimals of the hub's other figures.</summary>
    private const decimal MaxDeclaredAmount = 1_000_000_000_000m;

    /// <summary>The offices' today, for dates given by people.</summary>
    public DateOnly Today => office.Today;

    /// <summary>Why an authorization signed on <paramref name="signedOn"/> cannot be asked under today; null when it can.</summary>
    public string? ConsentProblem(DateOnly signedOn) =>
        signedOn > Today ? "授权书签署日期 consentSignedOn 不能晚于今天"
        : !consentOptions.Value.IsValid(signedOn, Today) ? $"授权书已超过有效期（签署后{consentOptions.Value.ValidFor}个月，Consent:ValidFor），须重新签署后方可查询"
        : null;

    /// <summary>
    /// Why a household's new authorization cannot take the place of the one it holds, or null: a renewal is another
    /// signed document, so it has its own number and is signed no earlier than the one it replaces. The same checks for
    /// a case returned or corrected at the township and for a recipient on the roll.
    /// </summary>
    public string? RenewalProblem(string consentRef, DateOnly signedOn, string heldRef, DateOnly heldSignedOn) =>
        consentRef.Length is 0 or > Household.MaxConsentRefLength ? $"须填写新的授权书编号 consentRef（不超过{Household.MaxConsentRefLength}个字符）"
        : ConsentProblem(signedOn) is { } problem ? problem
        : consentRef == heldRef || signedOn < heldSignedOn ? $"新的授权书须与现有授权书 {heldRef}（{heldSignedOn:yyyy-MM-dd} 签署）编号不同、签署日期不早于它"
        : null;

    public BatchValidation Validate(BatchRequest request, Func<string, PolicyParameters?> resolvePolicy)
    {
        var problems = new List<SubmissionProblem>(request.ReadingProblems ?? []);
        var today = Today;
        var csv = request.Households?.Exists(h => h?.SourceLines is not null) == true;

        var township = request.Township?.Trim() ?? "";
        PolicyParameters? parameters = null;
        if (township.Length != 9 || !township.All(char.IsAsciiDigit))
        {
            problems.Add(new SubmissionProblem(null, "township", "township", null, "乡镇（街道）代码必须是9位数字"));
        }
        else
        {
            parameters = resolvePolicy(township);
            if (parameters is null)
            {
                problems.Add(new SubmissionProblem(null, "township", "township", null, $"所属市（{township[..4]}）未设置低保标准 monthlyStandard"));
            }
        }

        var purpose = request.Purpose?.Trim() ?? "";
        if (purpose.Length is 0 or > Batch.MaxPurposeLength)
        {
            problems.Add(new SubmissionProblem(null, "purpose", "purpose", null, $"核对目的 purpose 不能为空，且不超过{Batch.MaxPurposeLength}个字符"));
        }

        var asOf = request.AsOf ?? today;
        if (asOf > today)
        {
            problems.Add(new SubmissionProblem(null, "asOf", "asOf", null, "核对基准日 asOf 不能晚于今天"));
        }

        var households = request.Households ?? [];
        if (households.Count == 0)
        {
            problems.Add(new SubmissionProblem(null, "households", "households", null, "批次中没有家庭"));
        }
        else if (households.Count > limits.Value.MaxHouseholds)
        {
            problems.Add(new SubmissionProblem(null, "households", "households", null,
                $"一个批次最多{limits.Value.MaxHouseholds}户，本批次{households.Count}户，请拆分后提交"));
            return new BatchValidation(null, null, problems);
        }

        var refs = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var normalized = new List<HouseholdRequest>(households.Count);
        for (var h = 0; h < households.Count; h++)
        {
            var household = households[h];
            if (household is null)
            {
                // JSON allows "households": [null]; a household that is not there has nothing to check.
                problems.Add(new SubmissionProblem(null, $"households[{h}]", "households", null, "家庭不能为 null"));
                continue;
            }

            var reference = household.Ref?.Trim() ?? "";
            var firstLine = household.SourceLines?.FirstOrDefault();
            SubmissionProblem AtHousehold(string field, string csvField, string message) =>
                new(csv ? firstLine : null, csv ? null : $"households[{h}].{field}", csv ? csvField : field, reference.Length > 0 ? reference : null, message);

            if (reference.Length is 0 or > Household.MaxRefLength)
            {
                problems.Add(AtHousehold("ref", "household_ref", $"户编号不能为空，且不超过{Household.MaxRefLength}个字符"));
            }
            else if (HasHiddenCharacters(reference))
            {
                problems.Add(AtHousehold("ref", "household_ref", HiddenCharacters("户编号")));
            }
            else if (!refs.TryAdd(reference, h))
            {
                problems.Add(AtHousehold("ref", "household_ref", "户编号在批次中重复"));
            }

            var consent = household.ConsentRef?.Trim() ?? "";
            if (consent.Length == 0)
            {
                problems.Add(AtHousehold("consentRef", "consent_ref", "缺少授权书编号：未经家庭书面授权不得查询"));
            }
            else if (consent.Length > Household.MaxConsentRefLength)
            {
                problems.Add(AtHousehold("consentRef", "consent_ref", $"授权书编号不超过{Household.MaxConsentRefLength}个字符"));
            }
            else if (HasHiddenCharacters(consent))
            {
                problems.Add(AtHousehold("consentRef", "consent_ref", HiddenCharacters("授权书编号")));
            }

            var signedOn = household.ConsentSignedOn ?? today;
            if (ConsentProblem(signedOn) is { } expired)
            {
                problems.Add(AtHousehold("consentSignedOn", CsvBatchReader.ConsentSignedOnColumn, expired));
            }

            var normalizedMembers = ValidateMembers(household, $"households[{h}].", csv, reference, seen, today, problems);
            normalized.Add(household with { Ref = reference, ConsentRef = consent, ConsentSignedOn = signedOn, Members = normalizedMembers });
        }

        if (problems.Count > 0)
        {
            return new BatchValidation(null, null, problems);
        }

        return new BatchValidation(
            new BatchRequest { Township = township, Purpose = purpose, AsOf = asOf, Households = normalized },
            parameters,
            problems);
    }

    /// <summary>
    /// The member checks of one household, as at submission, for a correction of a household already submitted.
    /// </summary>
    /// <param name="elsewhere">The identity numbers of the other households of the batch, with how to name where each is.</param>
    /// <returns>The members normalized as at submission, and every problem; the members are usable only without problems.</returns>
    public (IReadOnlyList<MemberRequest> Members, IReadOnlyList<SubmissionProblem> Problems) ValidateHousehold(
        HouseholdRequest household, IEnumerable<KeyValuePair<string, string>> elsewhere)
    {
        var problems = new List<SubmissionProblem>();
        var seen = new Dictionary<string, string>(elsewhere, StringComparer.Ordinal);
        var today = Today;
        var members = ValidateMembers(household, "", csv: false, household.Ref ?? "", seen, today, problems);
        return (members, problems);
    }

    private List<MemberRequest> ValidateMembers(
        HouseholdRequest household, string pathPrefix, bool csv, string reference, Dictionary<string, string> seen, DateOnly today, List<SubmissionProblem> problems)
    {
        var firstLine = household.SourceLines?.FirstOrDefault();
        SubmissionProblem AtHousehold(string field, string csvField, string message) =>
            new(csv ? firstLine : null, csv ? null : pathPrefix + field, csv ? csvField : field, reference.Length > 0 ? reference : null, message);

        var members = household.Members ?? [];
        if (members.Count == 0)
        {
            problems.Add(AtHousehold("members", "members", "家庭没有成员"));
        }
        else if (members.Count > limits.Value.MaxMembersPerHousehold)
        {
            problems.Add(AtHousehold("members", "members", $"一户最多{limits.Value.MaxMembersPerHousehold}名成员"));
        }

        var normalizedMembers = new List<MemberRequest>(members.Count);
        for (var m = 0; m < members.Count; m++)
        {
            var member = members[m];
            if (member is null)
            {
                problems.Add(new SubmissionProblem(null, $"{pathPrefix}members[{m}]", "members", reference.Length > 0 ? reference : null, "成员不能为 null"));
                continue;
            }

            var line = household.SourceLines is { } lines && m < lines.Count ? lines[m] : (int?)null;
            var where = line is { } l ? $"第{l}行" : $"{pathPrefix}members[{m}]";
            SubmissionProblem AtMember(string field, string csvField, string message) =>
                new(line, csv ? null : $"{pathPrefix}members[{m}].{field}", csv ? csvField : field, reference.Length > 0 ? reference : null, message);

            var id = IdentityNumber.Normalize(member.IdNumber ?? "");
            if (id.Length == 0)
            {
                problems.Add(AtMember("idNumber", "id_number", "身份证号码不能为空"));
            }
            else if (IdentityNumber.Problem(id, today) is { } idProblem)
            {
                problems.Add(AtMember("idNumber", "id_number", "身份证号码无效：" + idProblem));
            }
            else if (!seen.TryAdd(id, where))
            {
                problems.Add(AtMember("idNumber", "id_number", $"身份证号码与{seen[id]}重复"));
            }

            var name = member.Name?.Trim() ?? "";
            if (name.Length is 0 or > Member.MaxNameLength)
            {
                problems.Add(AtMember("name", "name", $"姓名不能为空，且不超过{Member.MaxNameLength}个字符"));
            }
            else if (HasHiddenCharacters(name))
            {
                problems.Add(AtMember("name", "name", HiddenCharacters("姓名")));
            }

            var relation = member.Relation?.Trim().ToLowerInvariant() ?? "";
            if (!Relations.All.Contains(relation))
            {
                problems.Add(AtMember("relation", "relation", "与申请人关系必须是 self、spouse、child、parent 或 other"));
            }

            foreach (var (field, csvField, value) in new[]
            {
                ("declaredMonthlyIncome", CsvBatchReader.DeclaredIncomeColumn, member.DeclaredMonthlyIncome),
                ("declaredFinancialAssets", CsvBatchReader.DeclaredAssetsColumn, member.DeclaredFinancialAssets),
            })
            {
                if (value is < 0 or >= MaxDeclaredAmount || (value is { } v && decimal.Round(v, 2) != v))
                {
                    problems.Add(AtMember(field, csvField, "申报金额必须是不小于0的元数，最多两位小数"));
                }
            }

            normalizedMembers.Add(member with { IdNumber = id, Name = name, Relation = relation });
        }

        return normalizedMembers;
    }

    /// <summary>
    /// Control and format characters (a line break, a zero-width space, a byte order mark) and line or paragraph separators:
    /// invisible in a list or on a form, a name made of them looks blank yet passes as one, and the agencies are asked about
    /// a name nobody wrote.
    /// </summary>
    private static bool HasHiddenCharacters(string value)
    {
        foreach (var c in value)
        {
            if (char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return true;
            }
        }

        return false;
    }

    private static string HiddenCharacters(string field) => $"{field}含有换行、控制字符或零宽空格等不可见字符，请删除后重新填写";
}
