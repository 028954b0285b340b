using System.Text.Json;
using Dibao.Verification.Domain.Identity;
using Dibao.Verification.Sandbox.Population;

namespace Dibao.Verification.Sandbox.Tests;

public sealed class PopulationTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 1);
    private static readonly SyntheticPopulation Population = new(SandboxOptions.DefaultSeed);
    private static readonly Lazy<IReadOnlyList<SyntheticPerson>> Sample = new(() =>
        Population.Households().SelectMany(h => h.Members).Take(20_000).Select(m => Population.Describe(m.IdNumber, AsOf)).ToList());

    [Fact]
    public void Same_seed_gives_the_same_facts_in_a_fresh_instance()
    {
        var other = new SyntheticPopulation(SandboxOptions.DefaultSeed);
        foreach (var member in Population.Households().Take(200).SelectMany(h => h.Members))
        {
            Json(other.Describe(member.IdNumber, AsOf)).ShouldBe(Json(Population.Describe(member.IdNumber, AsOf)));
        }

        Json(other.Household(123_456)).ShouldBe(Json(Population.Household(123_456)));
    }

    [Fact]
    public void Different_seed_gives_different_people()
    {
        var other = new SyntheticPopulation(SandboxOptions.DefaultSeed + 1);
        var ids = Population.Households().Take(100).SelectMany(h => h.Members).Select(m => m.IdNumber).ToList();

        var sameName = ids.Count(id => other.Describe(id, AsOf).Name == Population.Describe(id, AsOf).Name);
        var sameFacts = ids.Count(id => Json(other.Describe(id, AsOf)) == Json(Population.Describe(id, AsOf)));

        sameName.ShouldBeLessThan(ids.Count / 10);
        sameFacts.ShouldBeLessThan(ids.Count / 10);
        Json(other.Household(7)).ShouldNotBe(Json(Population.Household(7)));
    }

    [Fact]
    public void Any_valid_number_can_be_described_and_a_malformed_one_cannot()
    {
        var stranger = IdentityNumber.Compose("110101", new DateOnly(1975, 6, 30), 417);
        Population.Describe(stranger, AsOf).IdNumber.ShouldBe(stranger);
        Should.Throw<ArgumentException>(() => Population.Describe("220105198003150013", AsOf));
        Should.Throw<ArgumentException>(() => Population.Describe("22010519800315001", AsOf));
    }

    [Fact]
    public void Mix_matches_a_low_income_caseload()
    {
        var persons = Sample.Value;
        double Share(Func<SyntheticPerson, bool> predicate) => persons.Count(predicate) / (double)persons.Count;

        Share(p => p.Profile is SyntheticProfile.Dependent or SyntheticProfile.NoIncome or SyntheticProfile.ResidentPensioner).ShouldBeGreaterThan(0.5);
        Share(p => p.Profile == SyntheticProfile.WageEarner).ShouldBeInRange(0.10, 0.30);
        Share(p => p.Profile == SyntheticProfile.ResidentPensioner).ShouldBeInRange(0.05, 0.25);
        Share(p => p.Profile == SyntheticProfile.EnterprisePensioner).ShouldBeInRange(0.04, 0.20);
        Share(p => p.UnemploymentBenefit is not null).ShouldBeInRange(0.03, 0.08);
        Share(p => p.Vehicles.Count > 0).ShouldBeInRange(0.05, 0.11);
        Share(p => p.Businesses.Count > 0).ShouldBeInRange(0.03, 0.07);
        Share(p => p.TotalBankBalance > 24 * 800).ShouldBeInRange(0.04, 0.15);
        Share(p => p.HasForeignDeposits).ShouldBeInRange(0.01, 0.03);
        persons.SelectMany(p => p.BankAccounts).Select(a => a.Currency).Distinct().Order().ShouldBe(["CNY", "HKD", "USD"]);
        Share(p => p.NameDiffersAtTaxBureau).ShouldBeInRange(0.015, 0.04);
        Share(p => !p.HasSocialInsuranceRecords).ShouldBeInRange(0.2, 0.7);

        var pensions = persons.SelectMany(p => p.Pensions).ToList();
        pensions.Where(p => p.Scheme == "urban-rural-resident").ShouldAllBe(p => p.MonthlyAmount >= 150 && p.MonthlyAmount <= 300);
        pensions.Where(p => p.Scheme == "enterprise-employee").ShouldAllBe(p => p.MonthlyAmount >= 1500 && p.MonthlyAmount <= 4000);
        pensions.Count(p => p.Status == "paying").ShouldBeGreaterThan(pensions.Count * 8 / 10);
        pensions.ShouldContain(p => p.Status == "suspended");
        pensions.ShouldContain(p => p.Status == "terminated");

        var businesses = persons.SelectMany(p => p.Businesses).ToList();
        var shops = businesses.Where(b => b.Type == "individual-business").ToList();
        shops.ShouldContain(b => b.RegisteredCapitalWan < 10);
        shops.ShouldContain(b => b.RegisteredCapitalWan == 10);
        shops.ShouldContain(b => b.RegisteredCapitalWan > 10);
        businesses.Select(b => b.Type).Distinct().Count().ShouldBe(3);
        businesses.Select(b => b.Status).Distinct().Count().ShouldBe(3);
        businesses.Where(b => b.Status == "deregistered").ShouldAllBe(b => b.Deregistered != null && b.Deregistered >= b.Established);

        var vehicles = persons.SelectMany(p => p.Vehicles).ToList();
        vehicles.ShouldAllBe(v => v.Hphm.StartsWith("吉A") && v.Hphm.Length == 7);
        vehicles.Select(v => v.Cllx[0]).Distinct().Count().ShouldBe(5);
        vehicles.Select(v => v.Zt).Distinct().Count().ShouldBe(4);
        vehicles.ShouldContain(v => v.Cjrzyc == "1");
    }

    [Fact]
    public void Facts_are_coherent()
    {
        // Plain checks collected into a list: a Shouldly assertion per fact compiles an expression tree each time, too slow for 20,000 persons.
        var asOfMonth = new DateOnly(AsOf.Year, AsOf.Month, 1);
        var violations = new List<string>();
        void Check(bool holds, SyntheticPerson person, string rule)
        {
            if (!holds)
            {
                violations.Add($"{person.IdNumber} {person.Profile}: {rule}");
            }
        }

        foreach (var person in Sample.Value)
        {
            var open = person.Employments.Where(e => e.To == null).ToList();
            if (person.Profile == SyntheticProfile.WageEarner)
            {
                Check(open.Count == 1, person, "a wage earner has one open employment");
                var job = open[0];
                Check(job.From <= asOfMonth && job.ContributionBase is >= 2000m and <= 7000m, person, "open employment started, base 2,000-7,000");
                Check(job.From == asOfMonth || person.TaxRecords.Any(t => t.Category == "wages" && t.Payer == job.EmployerName), person, "wages taxed");
            }
            else
            {
                Check(open.Count == 0, person, "only wage earners have open employment");
            }

            foreach (var account in person.HousingFundAccounts)
            {
                Check(person.Employments.Any(e => e.EmployerName == account.EmployerName), person, "HF employer is an SS employer");
                Check(account.OpenedOn <= AsOf, person, "HF opened before asOf");
                Check(account.Status != "normal" || (account.LastDepositMonth >= asOfMonth.AddMonths(-6) && account.LastDepositMonth <= asOfMonth), person, "normal HF paid into within 6 months");
                Check(account.Status != "closed" || account.Balance == 0, person, "closed HF is empty");
            }

            Check(person.Pensions.All(p => p.Since <= AsOf), person, "pension started before asOf");
            Check(person.TaxRecords.All(t => t.Period < asOfMonth && t.Period >= asOfMonth.AddMonths(-12) && t.TaxFen <= t.GrossFen), person, "tax records in the last 12 months");
            Check(person.UnemploymentBenefit is null || (person.UnemploymentBenefit.To >= asOfMonth && person.Pensions.Count == 0), person, "benefit current, no pension");
        }

        violations.ShouldBeEmpty();
    }

    [Fact]
    public void Households_have_valid_unique_numbers_and_the_names_the_agencies_hold()
    {
        var households = Population.Households().Take(20_000)
            .Concat(Population.Households(SyntheticPopulation.MaxHouseholds - 2_000))
            .ToList();
        var ids = new HashSet<string>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        foreach (var household in households)
        {
            household.HouseholdRef.ShouldBe($"H-{household.Index:D6}");
            household.ConsentRef.ShouldBe($"SQ-2026-{household.Index:D6}");
            household.Members.Count.ShouldBeInRange(1, 5);
            household.Members[0].Relation.ShouldBe(HouseholdRelation.Self);
            household.AreaCode.ShouldStartWith("220");
            foreach (var member in household.Members)
            {
                IdentityNumber.IsValid(member.IdNumber, today).ShouldBeTrue(member.IdNumber);
                ids.Add(member.IdNumber).ShouldBeTrue($"duplicate {member.IdNumber}");
                member.IdNumber.ShouldStartWith(household.AreaCode);
            }
        }

        foreach (var member in households.Take(2_000).SelectMany(h => h.Members))
        {
            Population.Describe(member.IdNumber, AsOf).Name.ShouldBe(member.Name);
        }

        households.SelectMany(h => h.Members).Select(m => m.Relation).Distinct().Count().ShouldBe(5);
        Should.Throw<ArgumentOutOfRangeException>(() => Population.Household(SyntheticPopulation.MaxHouseholds));
    }

    [Fact]
    public void Relations_have_plausible_ages()
    {
        foreach (var household in Population.Households().Take(5_000))
        {
            var self = Population.Describe(household.Members[0].IdNumber, AsOf);
            foreach (var member in household.Members.Skip(1))
            {
                var person = Population.Describe(member.IdNumber, AsOf);
                switch (member.Relation)
                {
                    case HouseholdRelation.Child:
                        person.BirthDate.Year.ShouldBeGreaterThanOrEqualTo(self.BirthDate.Year + 20);
                        break;
                    case HouseholdRelation.Parent:
                        person.BirthDate.Year.ShouldBeLessThanOrEqualTo(self.BirthDate.Year - 20);
                        break;
                    case HouseholdRelation.Spouse:
                        person.IsMale.ShouldNotBe(self.IsMale);
                        break;
                }
            }
        }
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
