using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations.Postgres
{
    /// <summary>
    /// The evaluations' figures a head and the re-comparison's incomes become text, each the invariant text of its decimal
    /// (<c>1234.50</c>), which the model reads back as the same amount and the start-up pass (PersonalDataReencryption)
    /// encrypts: SQL cannot know the key. A table's columns change in one statement, so each table is rewritten once. Down
    /// only before that pass has run: SQL cannot read an encrypted amount back, and the cast refuses one rather than lose it.
    /// </summary>
    public partial class HouseholdFiguresEncrypted : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "Evaluations"
                    ALTER COLUMN "PerCapitaMonthlyIncome" TYPE character varying(185) USING "PerCapitaMonthlyIncome"::text,
                    ALTER COLUMN "PerCapitaFinancialAssets" TYPE character varying(185) USING "PerCapitaFinancialAssets"::text;
                """);
            migrationBuilder.Sql("""
                ALTER TABLE "RecomparisonItems"
                    ALTER COLUMN "ConfirmedIncome" TYPE character varying(185) USING "ConfirmedIncome"::text,
                    ALTER COLUMN "NewIncome" TYPE character varying(185) USING "NewIncome"::text;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // PostgreSQL converts text to numeric only when told to.
            migrationBuilder.Sql("""
                ALTER TABLE "Evaluations"
                    ALTER COLUMN "PerCapitaMonthlyIncome" TYPE numeric(18,2) USING "PerCapitaMonthlyIncome"::numeric(18,2),
                    ALTER COLUMN "PerCapitaFinancialAssets" TYPE numeric(18,2) USING "PerCapitaFinancialAssets"::numeric(18,2);
                """);
            migrationBuilder.Sql("""
                ALTER TABLE "RecomparisonItems"
                    ALTER COLUMN "ConfirmedIncome" TYPE numeric(18,2) USING "ConfirmedIncome"::numeric(18,2),
                    ALTER COLUMN "NewIncome" TYPE numeric(18,2) USING "NewIncome"::numeric(18,2);
                """);
        }
    }
}
