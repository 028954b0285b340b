using Dibao.Verification.Contracts.V1;

namespace Dibao.Verification.Adapters.Tests;

/// <summary>PersonFacts holds lists, whose record equality is by reference; compare them by content.</summary>
internal sealed class FindingComparer : IEqualityComparer<PersonFinding>
{
    public bool Equals(PersonFinding? x, PersonFinding? y) =>
        x is not null && y is not null
        && x.IdNumber == y.IdNumber && x.Kind == y.Kind && x.RefusalCode == y.RefusalCode
        && x.Facts.Pensions.SequenceEqual(y.Facts.Pensions)
        && x.Facts.Employments.SequenceEqual(y.Facts.Employments)
        && x.Facts.UnemploymentBenefits.SequenceEqual(y.Facts.UnemploymentBenefits)
        && x.Facts.HousingFundAccounts.SequenceEqual(y.Facts.HousingFundAccounts);

    public int GetHashCode(PersonFinding obj) => HashCode.Combine(obj.IdNumber, obj.Kind);
}
