using System.Globalization;

namespace Dibao.Verification.Sandbox.Population;

/// <summary>
/// Derives a person's facts from the seed and the identity number alone. The mix follows a
/// caseload of low-income applicants: most have no income or a small pension; the rest is there
/// so that every eligibility rule has persons that trip it.
/// </summary>
internal static class PersonGenerator
{
    private static readonly string[] BusinessAreas = ["220102", "220104", "220105", "220106", "220183", "220182", "220122"];

    public static SyntheticPerson Generate(long seed, string idNumber, DateOnly asOf)
    {
        var birth = DateOnly.ParseExact(idNumber.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture);
        var male = (idNumber[16] - '0') % 2 == 1;
        var name = ChineseNames.For(seed, idNumber);
        var nameRandom = StableHash.Stream(seed, idNumber, "tax-name");
        var nameAtTax = nameRandom.Chance(1.0 / 40) ? ChineseNames.Variant(seed, idNumber, name) : name;
        var age = AgeAt(birth, asOf);
        var person = new Draft(seed, idNumber, name, birth, asOf, age);

        var profile = DrawProfile(StableHash.Stream(seed, idNumber, "profile"), age);
        var social = StableHash.Stream(seed, idNumber, "social-security");
        switch (profile)
        {
            case SyntheticProfile.WageEarner:
                AddWageEarner(person, ref social);
                break;
            case SyntheticProfile.Unemployed:
                AddUnemployed(person, ref social);
                break;
            case SyntheticProfile.NoIncome when social.Chance(0.4):
                AddEndedEmployment(person, ref social, person.AsOfMonth.AddMonths(-social.Next(12, 121)));
                break;
            case SyntheticProfile.ResidentPensioner:
                person.Pensions.Add(new SyntheticPension(
                    "urban-rural-resident", Money.Yuan(social.Fen(15000, 30000)), PensionSince(person, 60), PensionStatus(ref social, 0.92, 0.05)));
                break;
            case SyntheticProfile.EnterprisePensioner:
                AddEnterprisePension(person, ref social, male);
                break;
            case SyntheticProfile.InstitutionPensioner:
                person.Pensions.Add(new SyntheticPension(
                    "institution", Money.Yuan(social.Fen(350000, 650000)), PensionSince(person, male ? 60 : 55), PensionStatus(ref social, 0.95, 0.04)));
                break;
            case SyntheticProfile.Dependent:
            case SyntheticProfile.NoIncome:
            default:
                break;
        }

        AddHousingFund(person, profile);
        AddBusinesses(person);
        AddVehicles(person);
        AddBankAccounts(person);
        AddTaxRecords(person, profile);

        return new SyntheticPerson(
            idNumber, name, nameAtTax, birth, male, asOf, profile,
            person.Pensions, person.Employments, person.Benefit, person.HousingFund, person.Tax, person.Businesses, person.Vehicles, person.Bank);
    }

    private static SyntheticProfile DrawProfile(DeterministicRandom random, int age)
    {
        if (age < 16 || (age < 23 && random.Chance(0.6)))
        {
            return SyntheticProfile.Dependent;
        }

        var u = random.NextDouble();
        if (age >= 60)
        {
            return u switch
            {
                < 0.50 => SyntheticProfile.ResidentPensioner,
                < 0.76 => SyntheticProfile.EnterprisePensioner,
                < 0.80 => SyntheticProfile.InstitutionPensioner,
                _ => SyntheticProfile.NoIncome,
            };
        }

        if (age >= 50 && u < 0.12)
        {
            return SyntheticProfile.EnterprisePensioner;
        }

        return random.NextDouble() switch
        {
            < 0.09 => SyntheticProfile.Unemployed,
            < 0.45 => SyntheticProfile.WageEarner,
            _ => SyntheticProfile.NoIncome,
        };
    }

    private static void AddWageEarner(Draft person, ref DeterministicRandom random)
    {
        var from = person.NotBeforeAdulthood(person.AsOfMonth.AddMonths(-random.Next(1, 121)));
        if (random.Chance(0.3))
        {
            AddEndedEmployment(person, ref random, from.AddMonths(-random.Next(1, 25)));
        }

        var employer = person.PickEmployer(ref random);
        person.Employments.Add(new SyntheticEmployment(employer.Name, employer.CreditCode, Money.Yuan(random.Yuan(2000, 7000, 50)), from, null));
    }

    private static void AddUnemployed(Draft person, ref DeterministicRandom random)
    {
        var lastMonth = person.AsOfMonth.AddMonths(-random.Next(1, 7));
        if (!AddEndedEmployment(person, ref random, lastMonth))
        {
            return;
        }

        var from = lastMonth.AddMonths(1);
        var to = from.AddMonths(random.Next(6, 25) - 1);
        person.Benefit = new SyntheticUnemploymentBenefit(
            Money.Yuan(random.Yuan(1400, 1800, 10)), from, to < person.AsOfMonth ? person.AsOfMonth : to);
    }

    /// <returns>False when the person was too young to have held that job.</returns>
    private static bool AddEndedEmployment(Draft person, ref DeterministicRandom random, DateOnly lastMonth)
    {
        var from = person.NotBeforeAdulthood(lastMonth.AddMonths(-random.Next(12, 181)));
        if (from > lastMonth)
        {
            return false;
        }

        var employer = person.PickEmployer(ref random);
        person.Employments.Add(new SyntheticEmployment(employer.Name, employer.CreditCode, Money.Yuan(random.Yuan(1800, 6000, 50)), from, lastMonth));
        return true;
    }

    private static void AddEnterprisePension(Draft person, ref DeterministicRandom random, bool male)
    {
        var since = PensionSince(person, person.Age >= 60 ? (male ? 60 : 50) : 50);
        AddEndedEmployment(person, ref random, since.AddMonths(-1));
        person.Pensions.Add(new SyntheticPension(
            "enterprise-employee", Money.Yuan(random.Fen(150000, 400000)), since, PensionStatus(ref random, 0.85, 0.10)));
    }

    /// <summary>The month after the retirement birthday, or the asOf month for someone not yet that old.</summary>
    private static DateOnly PensionSince(Draft person, int retirementAge)
    {
        var since = Draft.Month(person.Birth.AddYears(retirementAge)).AddMonths(1);
        return since > person.AsOfMonth ? person.AsOfMonth : since;
    }

    private static string PensionStatus(ref DeterministicRandom random, double paying, double suspended) =>
        random.NextDouble() switch
        {
            var u when u < paying => "paying",
            var u when u < paying + suspended => "suspended",
            _ => "terminated",
        };

    private static void AddHousingFund(Draft person, SyntheticProfile profile)
    {
        var random = StableHash.Stream(person.Seed, person.IdNumber, "housing-fund");
        foreach (var job in person.Employments)
        {
            var current = job.To is null;
            var chance = current ? 0.7 : profile switch
            {
                SyntheticProfile.Unemployed => 0.7,
                SyntheticProfile.EnterprisePensioner => 0.5,
                _ => 0.6,
            };
            if (!random.Chance(chance))
            {
                continue;
            }

            var baseFen = random.Chance(0.7) ? (long)(job.ContributionBase * 100) : random.Fen((long)(job.ContributionBase * 90), (long)(job.ContributionBase * 110)) / 1000 * 1000;
            var monthlyFen = baseFen * random.Pick(DepositRatesPercent) * 2 / 100;
            var opened = job.From.AddMonths(random.Next(0, 3)).AddDays(random.Next(0, 28));
            opened = opened > person.AsOf ? person.AsOf : opened;
            var lastDeposit = current ? person.AsOfMonth.AddMonths(random.Chance(0.8) ? -1 : -random.Next(0, 7)) : job.To!.Value;
            lastDeposit = lastDeposit < Draft.Month(opened) ? Draft.Month(opened) : lastDeposit;
            var monthsPaid = MonthsBetween(Draft.Month(opened), lastDeposit) + 1;
            var status = current ? "normal" : profile is SyntheticProfile.EnterprisePensioner || random.Chance(0.35) ? "closed" : "sealed";
            var balanceFen = status == "closed" ? 0 : (long)(monthlyFen * monthsPaid * (0.4 + (0.6 * random.NextDouble()))) + random.Fen(0, 99);
            person.HousingFund.Add(new SyntheticHousingFundAccount(
                "2201" + random.Fen(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture),
                status, job.EmployerName, Money.Yuan(baseFen), Money.Yuan(monthlyFen), Money.Yuan(balanceFen), lastDeposit, opened));
        }
    }

    private static readonly int[] DepositRatesPercent = [5, 8, 10, 10, 12];

    private static readonly string[] Districts = ["二道区", "朝阳区", "南关区", "宽城区", "德惠市", "榆树市", "农安县"];
    private static readonly string[] Shops = ["小吃店", "便利店", "五金店", "理发店", "水果店", "汽车修理部", "服装店", "粮油店"];
    private static readonly string[] Crops = ["玉米种植", "水稻种植", "肉牛养殖", "生猪养殖", "蔬菜种植", "食用菌种植"];
    private static readonly string[] Brands = ["宏达", "鑫源", "恒泰", "华信", "金鼎", "丰收", "永安", "兴农", "嘉和", "富民"];
    private static readonly string[] Trades = ["商贸", "建材", "运输", "餐饮", "农机", "装饰工程"];
    private static readonly int[] IndividualCapitalsWan = [1, 2, 3, 5, 8, 10, 10, 12, 20, 30];
    private static readonly int[] CompanyCapitalsWan = [10, 30, 50, 100, 200, 500];
    private static readonly int[] CooperativeCapitalsWan = [5, 10, 30, 50, 100, 200];

    private static void AddBusinesses(Draft person)
    {
        var random = StableHash.Stream(person.Seed, person.IdNumber, "business");
        if (person.Age < 18 || !random.Chance(0.065))
        {
            return;
        }

        var count = random.Chance(0.12) ? 2 : 1;
        for (var i = 0; i < count; i++)
        {
            var area = random.Pick(BusinessAreas);
            var u = random.NextDouble();
            var (type, role, name, capital, kind) = u switch
            {
                < 0.6 => ("individual-business", "operator",
                    random.Pick(Districts) + person.Name[..1] + "记" + random.Pick(Shops),
                    random.Pick(IndividualCapitalsWan), "92"),
                < 0.85 => ("company", random.Chance(0.55) ? "legal-representative" : "shareholder",
                    "吉林省" + random.Pick(Brands) + random.Pick(Trades) + "有限公司", random.Pick(CompanyCapitalsWan), "91"),
                _ => ("farmer-cooperative", random.Chance(0.5) ? "legal-representative" : "shareholder",
                    random.Pick(Districts) + random.Pick(Brands) + random.Pick(Crops) + "专业合作社", random.Pick(CooperativeCapitalsWan), "93"),
            };
            var adulthood = person.Birth.AddYears(18);
            var established = person.AsOf.AddDays(-random.Next(365, 15 * 365));
            established = established < adulthood ? adulthood : established;
            var statusDraw = random.NextDouble();
            var status = statusDraw < 0.75 ? "active" : statusDraw < 0.95 ? "deregistered" : "revoked";
            DateOnly? deregistered = status == "deregistered"
                ? established.AddDays(random.Next(0, Math.Max(1, person.AsOf.DayNumber - established.DayNumber)))
                : null;
            person.Businesses.Add(new SyntheticBusiness(
                CreditCodes.Create(ref random, kind, area), name, type, role, capital, status, established, deregistered));
        }
    }

    private static readonly string[] PlateCharacters = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F", "G", "H", "J", "K", "L", "M", "N", "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z"];
    private static readonly string[] CarBrands = ["大众", "丰田", "一汽奔腾", "红旗", "本田", "比亚迪", "五菱", "长城", "吉利"];
    private static readonly string[] MotorcycleBrands = ["豪爵", "嘉陵", "五羊-本田", "钱江"];
    private static readonly string[] LowSpeedBrands = ["金彭", "宗申", "淮海", "雷丁"];
    private static readonly string[] TruckBrands = ["一汽解放", "东风", "福田", "中国重汽"];

    private static void AddVehicles(Draft person)
    {
        var random = StableHash.Stream(person.Seed, person.IdNumber, "vehicle");
        if (person.Age < 18 || !random.Chance(0.105))
        {
            return;
        }

        var count = random.Chance(0.15) ? 2 : 1;
        for (var i = 0; i < count; i++)
        {
            var plate = "吉A" + string.Concat(Enumerable.Range(0, 5).Select(_ => random.Pick(PlateCharacters)));
            var kind = random.NextDouble();
            var (hpzl, cllx, syxz, brand) = kind switch
            {
                < 0.55 => ("02", "K33", random.NextDouble() switch { < 0.85 => "A", < 0.93 => "D", < 0.95 => "B", _ => "Z" }, random.Pick(CarBrands)),
                < 0.75 => ("07", random.Chance(0.7) ? "M21" : "M22", "A", random.Pick(MotorcycleBrands)),
                < 0.88 => ("13", "N11", random.Chance(0.8) ? "A" : "F", random.Pick(LowSpeedBrands)),
                < 0.97 => random.Chance(0.7) ? ("02", "H31", "F", random.Pick(TruckBrands)) : ("01", "H11", "F", random.Pick(TruckBrands)),
                _ => ("01", "Q11", "F", random.Pick(TruckBrands)),
            };
            var zt = random.NextDouble() switch { < 0.80 => "A", < 0.88 => "B", < 0.95 => "E", _ => "G" };
            var registered = person.AsOf.AddDays(-random.Next(30, 15 * 365));
            var adulthood = person.Birth.AddYears(18);
            var adapted = cllx == "K33" && random.Chance(0.05) ? "1" : "0";
            person.Vehicles.Add(new SyntheticVehicle(plate, hpzl, cllx, syxz, zt, registered < adulthood ? adulthood : registered, brand, adapted));
        }
    }

    private static readonly (string Code, string Name, string Bin)[] Banks =
    [
        ("102", "中国工商银行", "6222"), ("103", "中国农业银行", "6228"), ("104", "中国银行", "6217"), ("105", "中国建设银行", "6227"),
        ("403", "中国邮政储蓄银行", "6221"), ("313", "吉林银行", "6231"), ("402", "吉林省农村信用社", "6224"),
    ];

    private static void AddBankAccounts(Draft person)
    {
        var random = StableHash.Stream(person.Seed, person.IdNumber, "bank");
        if (person.Age < 18)
        {
            if (random.Chance(0.3))
            {
                AddBankAccount(person, ref random, "demand", random.Fen(0, 300_000));
            }

            return;
        }

        var tier = random.NextDouble();
        if (tier < 0.12)
        {
            return;
        }

        if (tier < 0.78)
        {
            AddBankAccount(person, ref random, "demand", random.Fen(0, 350_000));
            if (random.Chance(0.3))
            {
                AddBankAccount(person, ref random, "demand", random.Fen(0, 150_000));
            }
        }
        else if (tier < 0.90)
        {
            AddBankAccount(person, ref random, "demand", random.Fen(200_000, 800_000));
            AddBankAccount(person, ref random, "time", random.Fen(500_000, 1_100_000));
        }
        else
        {
            AddBankAccount(person, ref random, "demand", random.Fen(0, 500_000));
            AddBankAccount(person, ref random, random.NextDouble() switch { < 0.6 => "time", < 0.85 => "wealth-management", _ => "fund" }, random.Fen(2_000_000, 15_000_000));
        }

        // A stream of its own, so the yuan accounts above stay what they were before foreign deposits were simulated.
        var foreign = StableHash.Stream(person.Seed, person.IdNumber, "bank-foreign");
        if (foreign.Chance(0.02))
        {
            AddBankAccount(person, ref foreign, "demand", foreign.Fen(10_000, 500_000), foreign.Chance(0.7) ? "USD" : "HKD");
        }
    }

    private static void AddBankAccount(Draft person, ref DeterministicRandom random, string product, long balanceFen, string currency = "CNY")
    {
        var (code, name, bin) = Banks[random.Next(Banks.Length)];
        var masked = bin + "****" + random.Next(0, 10_000).ToString("D4", CultureInfo.InvariantCulture);
        person.Bank.Add(new SyntheticBankAccount(code, name, masked, product, Money.Yuan(balanceFen), currency));
    }

    private static void AddTaxRecords(Draft person, SyntheticProfile profile)
    {
        var random = StableHash.Stream(person.Seed, person.IdNumber, "tax");
        var wageFactor = 1.0 + (0.25 * random.NextDouble());
        for (var m = 12; m >= 1; m--)
        {
            var period = person.AsOfMonth.AddMonths(-m);

            // A loop, not a query: each agency's simulator describes every person it is asked about again, and a query's
            // iterator and closure a month were 8 % of everything the benchmark's process allocated.
            foreach (var job in person.Employments)
            {
                if (job.From > period || (job.To is not null && period > job.To))
                {
                    continue;
                }

                var gross = (long)((double)job.ContributionBase * 100 * wageFactor * (0.95 + (0.1 * random.NextDouble())));
                person.Tax.Add(new SyntheticTaxRecord(period, "wages", job.EmployerName, gross, Math.Max(0, gross - 500_000) * 3 / 100));
            }
        }

        if (profile is SyntheticProfile.NoIncome or SyntheticProfile.Unemployed && random.Chance(0.08))
        {
            var payer = Employer.Get(person.Seed, random.Next(Employer.CatalogueSize)).Name;
            foreach (var m in Enumerable.Range(1, 12).Where(_ => random.Chance(0.2)))
            {
                var gross = random.Yuan(800, 4000, 10);
                person.Tax.Add(new SyntheticTaxRecord(person.AsOfMonth.AddMonths(-m), "labor-remuneration", payer, gross, Math.Max(0, gross - 80_000) * 20 / 100));
            }
        }

        foreach (var shop in person.Businesses.Where(b => b is { Type: "individual-business", Status: "active" }))
        {
            if (!random.Chance(0.5))
            {
                continue;
            }

            for (var m = 12; m >= 1; m--)
            {
                var gross = random.Yuan(1500, 6000, 10);
                person.Tax.Add(new SyntheticTaxRecord(person.AsOfMonth.AddMonths(-m), "business", shop.Name, gross, gross / 100));
            }
        }

        if (person.Age >= 18 && random.Chance(0.02))
        {
            var tenant = Employer.Get(person.Seed, random.Next(Employer.CatalogueSize)).Name;
            var rent = random.Yuan(800, 2500, 50);
            for (var m = 12; m >= 1; m--)
            {
                person.Tax.Add(new SyntheticTaxRecord(person.AsOfMonth.AddMonths(-m), "property-lease", tenant, rent, rent * 5 / 100));
            }
        }

        foreach (var holding in person.Bank.Where(a => a.Product is "wealth-management" or "fund"))
        {
            var gross = (long)(holding.Balance * 100 * 0.03m);
            person.Tax.Add(new SyntheticTaxRecord(person.AsOfMonth.AddMonths(-random.Next(1, 13)), "interest-dividend", holding.BankName, gross, gross * 20 / 100));
        }

        person.Tax.Sort((a, b) => a.Period.CompareTo(b.Period));
    }

    private static int AgeAt(DateOnly birth, DateOnly asOf)
    {
        var age = asOf.Year - birth.Year;
        return birth.AddYears(age) > asOf ? age - 1 : age;
    }

    private static int MonthsBetween(DateOnly from, DateOnly to) => ((to.Year - from.Year) * 12) + to.Month - from.Month;

    /// <summary>The facts gathered so far; the generator fills one agency at a time.</summary>
    private sealed class Draft(long seed, string idNumber, string name, DateOnly birth, DateOnly asOf, int age)
    {
        public long Seed { get; } = seed;
        public string IdNumber { get; } = idNumber;
        public string Name { get; } = name;
        public DateOnly Birth { get; } = birth;
        public DateOnly AsOf { get; } = asOf;
        public DateOnly AsOfMonth { get; } = Month(asOf);
        public int Age { get; } = age;
        public List<SyntheticPension> Pensions { get; } = [];
        public List<SyntheticEmployment> Employments { get; } = [];
        public SyntheticUnemploymentBenefit? Benefit { get; set; }
        public List<SyntheticHousingFundAccount> HousingFund { get; } = [];
        public List<SyntheticTaxRecord> Tax { get; } = [];
        public List<SyntheticBusiness> Businesses { get; } = [];
        public List<SyntheticVehicle> Vehicles { get; } = [];
        public List<SyntheticBankAccount> Bank { get; } = [];

        public static DateOnly Month(DateOnly date) => new(date.Year, date.Month, 1);

        public DateOnly NotBeforeAdulthood(DateOnly month)
        {
            var first = Month(Birth.AddYears(16)).AddMonths(1);
            var earliest = first > AsOfMonth ? AsOfMonth : first;
            return month < earliest ? earliest : month;
        }

        public Employer PickEmployer(ref DeterministicRandom random) => Employer.Get(Seed, random.Next(Employer.CatalogueSize));
    }
}
