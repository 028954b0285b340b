using System.Text.Json;
using Dibao.Verification.Domain.Policy;
using Dibao.Verification.Host.Batches;
using Dibao.Verification.Host.Confirmation;
using Dibao.Verification.Host.Messaging;
using Dibao.Verification.Host.Tests.Verification;
using Microsoft.Extensions.Options;

namespace Dibao.Verification.Host.Tests.Batches;

public class BatchValidatorTests
{
    private static readonly PolicyDocument Policy = PolicyDocument.Parse("""{ "name": "t", "defaults": { "incomeLookbackMonths": 12, "depositMonthsOfStandard": 24, "businessCapitalLimitWan": 10, "housingFundRecentMonths": 3, "countResidentPension": false }, "jurisdictions": { "2201": { "monthlyStandard": 800 } } }""");

    private static BatchValidation Validate(BatchRequest request, int maxHouseholds = 100, TimeProvider? clock = null) =>
        new BatchValidator(
            Options.Create(new BatchLimits { MaxHouseholds = maxHouseholds }),
            Options.Create(new Dibao.Verification.Host.Consent.ConsentOptions()),
            new OfficeClock(clock ?? TimeProvider.System, Options.Create(new ConfirmationOptions()))).Validate(request, Policy.Resolve);

    private static MemberRequest M(string id, string name = "王建国", string relation = "self") => new() { IdNumber = id, Name = name, Relation = relation };

    private static HouseholdRequest H(string reference, string? consent, params MemberRequest[] members) => new() { Ref = reference, ConsentRef = consent, Members = [.. members] };

    private static BatchRequest Batch(params HouseholdRequest[] households) => new() { Township = "220105001", Purpose = "new-application", Households = [.. households] };

    [Fact]
    public void A_good_batch_is_accepted_normalized()
    {
        var result = Validate(Batch(H("H-1", "SQ-1", M("11010519491231002x"), M("220105198003150018", relation: "Spouse"))));

        result.Problems.ShouldBeEmpty();
        var members = result.Accepted!.Households![0].Members!;
        members[0].IdNumber.ShouldBe("11010519491231002X");
        members[1].Relation.ShouldBe("spouse");
        result.Parameters!.MonthlyStandard.ShouldBe(800m);
    }

    [Fact]
    public void The_default_verification_date_is_the_offices_day_not_the_servers()
    {
        // 20:00 UTC on 30 November is 04:00 on 1 December in China; a server in UTC still says 30 November.
        var evening = new ManualTimeProvider(new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.Zero));

        var result = Validate(Batch(H("H-1", "SQ-1", M("220105198003150018"))), clock: evening);

        result.Accepted!.AsOf.ShouldBe(new DateOnly(2026, 12, 1));
    }

    [Fact]
    public void The_offices_day_may_be_asked_for_while_the_server_is_still_on_the_day_before()
    {
        var evening = new ManualTimeProvider(new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.Zero));

        var result = Validate(Batch(H("H-1", "SQ-1", M("220105198003150018"))) with { AsOf = new DateOnly(2026, 12, 1) }, clock: evening);

        result.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void A_file_s_reading_problems_and_its_checks_are_named_together()
    {
        var csv = CsvBatchReader.Read("""
            household_ref,consent_ref,id_number,name,relation,declared_income
            H-1,SQ-1,220105198003150018,王建国,self,一千
            ,SQ-2,12345,李秀兰,self,
            """u8, "220105001", "new-application", null);

        var result = Validate(csv.Request!);

        result.Accepted.ShouldBeNull();
        result.Problems.Select(p => (p.Row, p.Field)).Order().ShouldBe([(2, "declared_income"), (3, "household_ref"), (3, "id_number")]);
    }

    [Fact]
    public void A_null_household_or_member_is_named_by_its_path()
    {
        var request = JsonSerializer.Deserialize<BatchRequest>(
            """{ "township": "220105001", "purpose": "new-application", "households": [null, { "ref": "H-2", "consentRef": "SQ-2", "members": [null] }] }""",
            HubJson.Options)!;

        var result = Validate(request);

        result.Accepted.ShouldBeNull();
        result.Problems.Select(p => p.Path).ShouldBe(["households[0]", "households[1].members[0]"]);
    }

    [Fact]
    public void Every_problem_of_every_row_is_named_with_its_path()
    {
        var result = Validate(Batch(
            H("H-1", "SQ-1", M("110105194912310021"), M("12345", name: "")),
            H("H-2", "", M("220105198003150018", relation: "cousin")),
            H("H-3", "SQ-3")));

        result.Accepted.ShouldBeNull();
        result.Problems.Select(p => p.Path).ShouldBe(
        [
            "households[0].members[0].idNumber",
            "households[0].members[1].idNumber",
            "households[0].members[1].name",
            "households[1].consentRef",
            "households[1].members[0].relation",
            "households[2].members",
        ]);
        result.Problems[0].Message.ShouldContain("校验位");
        result.Problems[0].Message.ShouldNotContain("110105194912310021");
        result.Problems[3].HouseholdRef.ShouldBe("H-2");
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\uFEFF")]
    [InlineData("王\n建国")]
    [InlineData("王\u0001建国")]
    [InlineData("王建\u200B国")]
    public void A_name_a_ref_or_an_authorization_number_with_hidden_characters_is_named(string hidden)
    {
        var result = Validate(Batch(H("H-1" + hidden, "SQ-1" + hidden, M("220105198003150018", hidden))));

        result.Accepted.ShouldBeNull();
        result.Problems.Select(p => p.Path).ShouldBe(["households[0].ref", "households[0].consentRef", "households[0].members[0].name"]);
    }

    [Theory]
    [InlineData("王建国")]
    [InlineData("阿依古丽·买买提")]
    [InlineData("欧阳 娜娜")]
    public void Names_as_people_write_them_are_accepted(string name) =>
        Validate(Batch(H("H-1", "SQ-1", M("220105198003150018", name)))).Problems.ShouldBeEmpty();

    [Fact]
    public void The_same_person_twice_in_a_household_or_across_households_is_refused()
    {
        var result = Validate(Batch(
            H("H-1", "SQ-1", M("220105198003150018"), M("220105198003150018")),
            H("H-2", "SQ-2", M("220105198003150018"))));

        result.Problems.Count.ShouldBe(2);
        result.Problems.ShouldAllBe(p => p.Field == "idNumber" && p.Message.Contains("households[0].members[0]"));
    }

    [Fact]
    public void Csv_problems_name_the_line_and_the_column()
    {
        var result = Validate(Batch(H("H-1", "SQ-1", M("220105198003150018"), M("220105198003150018")) with { SourceLines = [2, 3] }));

        var problem = result.Problems.ShouldHaveSingleItem();
        problem.Row.ShouldBe(3);
        problem.Field.ShouldBe("id_number");
        problem.Message.ShouldContain("第2行");
    }

    [Fact]
    public void Declared_amounts_are_kept_and_negative_or_sub_fen_ones_are_named_by_path_and_column()
    {
        var accepted = Validate(Batch(H("H-1", "SQ-1", M("220105198003150018") with { DeclaredMonthlyIncome = 1200.5m, DeclaredFinancialAssets = 0m })));
        var refused = Validate(Batch(H("H-1", "SQ-1", M("220105198003150018") with { DeclaredMonthlyIncome = -1m, DeclaredFinancialAssets = 0.001m })));
        var refusedCsv = Validate(Batch(H("H-1", "SQ-1", M("220105198003150018") with { DeclaredMonthlyIncome = -1m }) with { SourceLines = [2] }));

        var member = accepted.Accepted!.Households![0].Members![0];
        (member.DeclaredMonthlyIncome, member.DeclaredFinancialAssets).ShouldBe((1200.5m, 0m));
        refused.Problems.Select(p => p.Path).ShouldBe(["households[0].members[0].declaredMonthlyIncome", "households[0].members[0].declaredFinancialAssets"]);
        var csv = refusedCsv.Problems.ShouldHaveSingleItem();
        (csv.Row, csv.Field).ShouldBe((2, "declared_income"));
    }

    [Fact]
    public void An_expired_authorization_in_a_csv_batch_names_its_line_and_the_signing_date_column()
    {
        var expired = DateOnly.FromDateTime(DateTime.Now).AddYears(-2);
        var result = Validate(Batch(H("H-1", "SQ-1", M("220105198003150018")) with { ConsentSignedOn = expired, SourceLines = [2] }));

        var problem = result.Problems.ShouldHaveSingleItem();
        (problem.Row, problem.Field).ShouldBe((2, "consent_signed_on"));
    }

    [Theory]
    [InlineData("22010500", "9位数字")]
    [InlineData("31010500A", "9位数字")]
    [InlineData("310105001", "monthlyStandard")]
    public void The_township_must_be_nine_digits_in_a_city_with_a_standard(string township, string expected)
    {
        var result = Validate(Batch(H("H-1", "SQ-1", M("220105198003150018"))) with { Township = township });

        result.Problems.ShouldHaveSingleItem().Message.ShouldContain(expected);
    }

    [Fact]
    public void Too_many_households_is_refused_with_the_limit()
    {
        var result = Validate(Batch(H("H-1", "SQ-1", M("220105198003150018")), H("H-2", "SQ-2", M("11010519491231002X"))), maxHouseholds: 1);

        result.Problems.ShouldHaveSingleItem().Message.ShouldContain("最多1户");
    }

    [Fact]
    public void A_verification_date_in_the_future_is_refused() =>
        Validate(Batch(H("H-1", "SQ-1", M("220105198003150018"))) with { AsOf = DateOnly.FromDateTime(DateTime.Today).AddDays(2) })
            .Problems.ShouldHaveSingleItem().Field.ShouldBe("asOf");

    [Fact]
    public void A_duplicate_household_reference_is_refused() =>
        Validate(Batch(H("H-1", "SQ-1", M("220105198003150018")), H("H-1", "SQ-2", M("11010519491231002X"))))
            .Problems.ShouldHaveSingleItem().Path.ShouldBe("households[1].ref");
}
