using Dibao.Verification.Domain.Policy;

namespace Dibao.Verification.Domain.Tests.Policy;

public class IncomeWindowTests
{
    [Fact]
    public void Twelve_whole_months_before_the_month_of_asOf()
    {
        var window = IncomeWindow.Before(new DateOnly(2026, 11, 15), 12);
        window.FromMonth.ShouldBe(new DateOnly(2025, 11, 1));
        window.ToMonth.ShouldBe(new DateOnly(2026, 10, 1));
    }

    [Theory]
    [InlineData(2025, 10, false)]
    [InlineData(2025, 11, true)]
    [InlineData(2026, 10, true)]
    [InlineData(2026, 11, false)]
    public void Boundaries(int year, int month, bool inside) =>
        IncomeWindow.Before(new DateOnly(2026, 11, 1), 12).Contains(new DateOnly(year, month, 1)).ShouldBe(inside);

    [Fact]
    public void Crosses_the_year_on_the_first_of_January()
    {
        var window = IncomeWindow.Before(new DateOnly(2027, 1, 1), 3);
        window.FromMonth.ShouldBe(new DateOnly(2026, 10, 1));
        window.ToMonth.ShouldBe(new DateOnly(2026, 12, 1));
    }

    [Fact]
    public void A_window_covers_another_only_with_every_month_of_it()
    {
        var twelve = IncomeWindow.Before(new DateOnly(2026, 11, 15), 12);

        twelve.Covers(IncomeWindow.Before(new DateOnly(2026, 11, 15), 6)).ShouldBeTrue();
        twelve.Covers(twelve).ShouldBeTrue();
        twelve.Covers(IncomeWindow.Before(new DateOnly(2026, 11, 15), 24)).ShouldBeFalse();
        twelve.Covers(IncomeWindow.Before(new DateOnly(2026, 12, 15), 12)).ShouldBeFalse("a month later ends a month later");
    }

    [Fact]
    public void A_window_as_a_question_asked_it_counts_both_months()
    {
        var window = IncomeWindow.Of(new DateOnly(2024, 11, 1), new DateOnly(2026, 10, 1));

        window.ShouldBe(IncomeWindow.Before(new DateOnly(2026, 11, 15), 24));
        Should.Throw<ArgumentOutOfRangeException>(() => IncomeWindow.Of(new DateOnly(2026, 10, 1), new DateOnly(2026, 9, 1)));
    }
}
