using System.Globalization;

namespace Dibao.Verification.Domain.Policy.Rules;

/// <summary>
/// What the household declared against what the agencies found. Found per-capita figures above the declared ones by
/// more than the jurisdiction's tolerance send the household to a person (review), giving both figures; a household that
/// declared nothing is evaluated as if this rule did not exist.
/// </summary>
public static class DeclarationRule
{
    /// <returns>Null when no member declared anything.</returns>
    public static DeclarationComparison? Compare(HouseholdEvidence household, IReadOnlyList<IncomePart> incomeParts)
    {
        if (household.Members.All(m => m.Declared is null || m.Declared.IsEmpty))
        {
            return null;
        }

        var members = household.Members.Select(m => new MemberDeclaration(m.IdNumber, new DeclaredAgainstFound(
            m.Declared?.MonthlyIncome,
            FoundIncome(incomeParts.Where(p => p.IdNumber == m.IdNumber)),
            m.Declared?.FinancialAssets,
            FoundAssets(m)))).ToList();

        var total = new DeclaredAgainstFound(
            Declared(members.Select(m => m.Figures.DeclaredMonthlyIncome)),
            Found(members.Select(m => m.Figures.FoundMonthlyIncome)),
            Declared(members.Select(m => m.Figures.DeclaredFinancialAssets)),
            Found(members.Select(m => m.Figures.FoundFinancialAssets)));
        var count = members.Count;
        var perCapita = new DeclaredAgainstFound(
            PerHead(total.DeclaredMonthlyIncome, count),
            PerHead(total.FoundMonthlyIncome, count),
            PerHead(total.DeclaredFinancialAssets, count),
            PerHead(total.FoundFinancialAssets, count));
        return new DeclarationComparison(members, total, perCapita);
    }

    /// <summary>One <see cref="ReasonCodes.DeclarationMismatch"/> per figure whose found per-capita value exceeds the declared one by more than the tolerance.</summary>
    public static IEnumerable<Reason> Assess(DeclarationComparison? comparison, PolicyParameters parameters)
    {
        if (comparison is null)
        {
            yield break;
        }

        var perCapita = comparison.PerCapita;
        if (Mismatch(perCapita.DeclaredMonthlyIncome, perCapita.FoundMonthlyIncome, parameters.DeclarationTolerance) is { } income)
        {
            yield return Reason("月人均收入", income.Declared, income.Found, parameters.DeclarationTolerance);
        }

        if (Mismatch(perCapita.DeclaredFinancialAssets, perCapita.FoundFinancialAssets, parameters.DeclarationTolerance) is { } assets)
        {
            yield return Reason("人均金融资产", assets.Declared, assets.Found, parameters.DeclarationTolerance);
        }
    }

    /// <summary>Found above declared × (1 + tolerance), strictly: exactly at the tolerance is within it.</summary>
    public static bool Exceeds(decimal declared, decimal found, decimal tolerance) => found > declared * (1 + tolerance);

    private static (decimal Declared, decimal Found)? Mismatch(decimal? declared, decimal? found, decimal tolerance) =>
        declared is { } d && found is { } f && Exceeds(d, f, tolerance) ? (d, f) : null;

    private static Reason Reason(string figure, decimal declared, decimal found, decimal tolerance) => new(
        ReasonCodes.DeclarationMismatch,
        ReasonSeverity.Review,
        IdNumber: null,
        Agency: null,
        Evidence: string.Create(CultureInfo.InvariantCulture, $"申报{figure}{declared:0.00}元；核对{figure}{found:0.00}元；允许偏差{tolerance * 100:0.##}%"),
        Message: string.Create(CultureInfo.InvariantCulture,
            $"核对所得家庭{figure}{found:0.00}元，高于申报的{declared:0.00}元，超过允许偏差{tolerance * 100:0.##}%，须人工核实申报是否如实。"),
        Actual: found,
        Limit: declared);

    /// <summary>The member's income from every rule, once every part of it is known.</summary>
    private static decimal? FoundIncome(IEnumerable<IncomePart> parts)
    {
        var list = parts.ToList();
        return list.TrueForAll(p => p.Known) ? Math.Round(list.Sum(p => p.Amount), 2, MidpointRounding.AwayFromZero) : null;
    }

    /// <summary>
    /// The member's balances at every bank asked, once every bank has told them (a bank refusing to answer about the
    /// member tells nothing); null when no bank was asked, or when an account is in a currency the hub cannot value.
    /// </summary>
    private static decimal? FoundAssets(MemberEvidence member)
    {
        var banks = member.Answers.Where(a => a.Agency == AgencyCodes.Bank).ToList();
        return banks.Count > 0 && banks.TrueForAll(a => a.Tells)
            && !banks.Exists(a => a.Facts.FinancialAccounts.Any(AccountCurrency.Unvalued))
            ? banks.Sum(a => a.Facts.FinancialAccounts.Where(AccountCurrency.InYuan).Sum(f => f.Balance))
            : null;
    }

    /// <summary>The household's declaration of a figure: what members declared, nothing for the others; null when nobody declared it.</summary>
    private static decimal? Declared(IEnumerable<decimal?> figures)
    {
        var list = figures.ToList();
        return list.Any(f => f is not null) ? list.Sum(f => f ?? 0m) : null;
    }

    private static decimal? Found(IEnumerable<decimal?> figures)
    {
        var list = figures.ToList();
        return list.TrueForAll(f => f is not null) ? list.Sum(f => f!.Value) : null;
    }

    private static decimal? PerHead(decimal? total, int members) => total is { } t ? HouseholdIncomeRule.PerCapita(t, members) : null;
}
