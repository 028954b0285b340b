using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations.Postgres
{
    /// <summary>
    /// The members' declared amounts become text, each the invariant text of its decimal (<c>1234.50</c>), which the model
    /// reads back as the same amount and the start-up pass (PersonalDataReencryption) encrypts: SQL cannot know the key.
    /// Both columns change in one statement, so the table is rewritten once. Down only before that pass has run: SQL cannot
    /// read an encrypted amount back, and the cast refuses one rather than lose it.
    /// </summary>
    public partial class MembersDeclaredEncrypted : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE "Members"
                    ALTER COLUMN "DeclaredMonthlyIncome" TYPE character varying(185) USING "DeclaredMonthlyIncome"::text,
                    ALTER COLUMN "DeclaredFinancialAssets" TYPE character varying(185) USING "DeclaredFinancialAssets"::text;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // PostgreSQL converts text to numeric only when told to.
            migrationBuilder.Sql("""
                ALTER TABLE "Members"
                    ALTER COLUMN "DeclaredMonthlyIncome" TYPE numeric(18,2) USING "DeclaredMonthlyIncome"::numeric(18,2),
                    ALTER COLUMN "DeclaredFinancialAssets" TYPE numeric(18,2) USING "DeclaredFinancialAssets"::numeric(18,2);
                """);
        }
    }
}
