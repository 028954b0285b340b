using System.Collections.Concurrent;
using System.Globalization;
using Dibao.Verification.Domain.Identity;

namespace Dibao.Verification.Sandbox.Population;

/// <summary>
/// A deterministic synthetic population computed on demand: nothing is stored, so a benchmark can
/// draw a million households. The same seed gives the same persons and households in every process.
/// </summary>
/// <param name="time">The clock whose day in China <see cref="Describe(string)"/> takes for today; the real one by default.</param>
public sealed class SyntheticPopulation(long seed, TimeProvider? time = null)
{
    /// <summary>
    /// Household identity numbers are unique by construction up to this many households: the
    /// household index is spread over the area code, the birth day of the year and the sequence number.
    /// </summary>
    public const int MaxHouseholds = 1_460_000;

    private const decimal RecipientIncomePerHead = 640m;
    private const decimal RecipientSavingsPerHead = 19_200m;
    private const int RecentMonths = 3;

    private const int SlotsPerHousehold = 5;

    private static readonly string[] Areas =
    [
        "220102", "220103", "220104", "220105", "220106", "220112", "220113", "220122", "220182", "220183",
        "220184", "220202", "220203", "220204", "220211", "220221", "220281", "220282", "220283", "220284",
    ];

    /// <summary>Changes planted in persons' lives after they were drawn, by normalized identity number.</summary>
    private readonly ConcurrentDictionary<string, Func<SyntheticPerson, SyntheticPerson>> _planted = new(StringComparer.Ordinal);

    public long Seed { get; } = seed;

    /// <summary>
    /// Changes what every agency holds about one person from now on, as life does to a recipient (a pension starts, a
    /// car is bought): <paramref name="change"/> is applied to the person as drawn, on every later answer about any date.
    /// Planting again replaces the earlier change.
    /// </summary>
    public void Plant(string idNumber, Func<SyntheticPerson, SyntheticPerson> change) =>
        _planted[IdentityNumber.Normalize(idNumber)] = change;

    /// <summary>The facts as of today in China, by the population's clock.</summary>
    public SyntheticPerson Describe(string idNumber) => Describe(idNumber, SandboxClock.Today(time ?? TimeProvider.System));

    /// <summary>The facts every agency holds about any syntactically valid identity number as of <paramref name="asOf"/>.</summary>
    /// <exception cref="ArgumentException">The number is malformed.</exception>
    public SyntheticPerson Describe(string idNumber, DateOnly asOf)
    {
        var id = IdentityNumber.Normalize(idNumber);
        if (IdentityNumber.Problem(id, DateOnly.MaxValue) is { } problem)
        {
            throw new ArgumentException($"Malformed identity number {IdentityNumber.Mask(id)}: {problem}", nameof(idNumber));
        }

        var person = PersonGenerator.Generate(Seed, id, asOf);
        return _planted.TryGetValue(id, out var change) ? change(person) : person;
    }

    /// <summary>Household number <paramref name="index"/> (0 ≤ index &lt; <see cref="MaxHouseholds"/>).</summary>
    public SyntheticHousehold Household(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, MaxHouseholds);

        var random = StableHash.Stream(Seed, index.ToString(CultureInfo.InvariantCulture), "household");
        var size = random.NextDouble() switch { < 0.25 => 1, < 0.55 => 2, < 0.80 => 3, < 0.92 => 4, _ => 5 };
        var selfYear = random.Next(1946, 2002);
        var members = new List<SyntheticHouseholdMember>(size);
        for (var slot = 0; slot < size; slot++)
        {
            var (relation, year) = slot switch
            {
                0 => (HouseholdRelation.Self, selfYear),
                1 when random.Chance(0.7) => (HouseholdRelation.Spouse, Math.Min(selfYear + random.Next(-5, 6), 2001)),
                _ when random.Chance(0.15) => (HouseholdRelation.Other, Math.Clamp(selfYear + random.Next(-10, 11), 1926, 2025)),
                _ when selfYear + 20 <= 2025 && random.Chance(0.8) => (HouseholdRelation.Child, Math.Min(selfYear + random.Next(20, 36), 2025)),
                _ => (HouseholdRelation.Parent, Math.Max(selfYear - random.Next(22, 36), 1926)),
            };
            var id = MemberIdNumber(index, slot, year);
            members.Add(new SyntheticHouseholdMember(id, ChineseNames.For(Seed, id), relation));
        }

        var suffix = index.ToString("D6", CultureInfo.InvariantCulture);
        return new SyntheticHousehold(index, $"H-{suffix}", $"SQ-2026-{suffix}", members[0].IdNumber[..6], members);
    }

    /// <summary>Households from <paramref name="start"/> on, lazily: filter them to pick households of a kind.</summary>
    public IEnumerable<SyntheticHousehold> Households(int start = 0)
    {
        for (var index = start; index < MaxHouseholds; index++)
        {
            yield return Household(index);
        }
    }

    /// <summary>
    /// Households from <paramref name="start"/> on that look like a roll's recipients, for seeding one: nobody owns a
    /// vehicle or a business, pays into a housing fund lately or is known to the tax bureau by another name; wages, counted
    /// pensions and benefits come to at most 640 yuan a head a month (80 % of the reference standard), savings to at
    /// most 19,200 yuan a head (24 months of it), and nobody keeps a deposit in another currency. Most of them still pass
    /// when asked again, as a roll's households do.
    /// </summary>
    public IEnumerable<SyntheticHousehold> LikelyRecipients(int start, DateOnly asOf) =>
        Households(start).Where(household =>
        {
            var members = DescribeMembers(household, asOf);
            return members.All(p => p.Vehicles.Count == 0 && p.Businesses.Count == 0 && !p.NameDiffersAtTaxBureau && !p.HasForeignDeposits
                    && !p.HousingFundAccounts.Any(a => a.LastDepositMonth is { } last && last.AddMonths(RecentMonths) >= asOf))
                && members.Sum(p => MonthlyIncome(p, asOf)) <= RecipientIncomePerHead * members.Count
                && members.Sum(p => p.TotalBankBalance + p.HousingFundAccounts.Sum(a => a.Balance)) <= RecipientSavingsPerHead * members.Count;
        });

    /// <summary>A year's wages as the tax bureau has them, by the month, with pensions other than the resident one and benefits.</summary>
    private static decimal MonthlyIncome(SyntheticPerson person, DateOnly asOf) =>
        (person.TaxRecords.Where(t => t.Period > asOf.AddMonths(-12)).Sum(t => t.GrossFen) / 100m / 12)
        + person.Pensions.Where(p => p.Scheme != "urban-rural-resident").Sum(p => p.MonthlyAmount)
        + (person.UnemploymentBenefit is { } benefit && benefit.To >= asOf ? benefit.MonthlyAmount : 0);

    public IReadOnlyList<SyntheticPerson> DescribeMembers(SyntheticHousehold household, DateOnly asOf) =>
        household.Members.Select(m => Describe(m.IdNumber, asOf)).ToList();

    /// <summary>
    /// Household index and slot make a key; its last three digits are the sequence number (so the
    /// 17th digit alternates sex between applicant and spouse), the rest pick the area and the day
    /// of the birth year. The year is free, which keeps ages plausible for each relation.
    /// </summary>
    private static string MemberIdNumber(int index, int slot, int birthYear)
    {
        var key = ((long)index * SlotsPerHousehold) + slot;
        var sequence = (int)(key % 1000);
        var block = key / 1000;
        var area = Areas[block % Areas.Length];
        var dayOfYear = (int)(((block / Areas.Length) + (sequence * 7919L)) % 365);
        return IdentityNumber.Compose(area, new DateOnly(birthYear, 1, 1).AddDays(dayOfYear), sequence);
    }
}
