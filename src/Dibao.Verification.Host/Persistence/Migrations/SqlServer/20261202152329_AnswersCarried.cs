using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AnswersCarried : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Carried",
                table: "AgencyAnswers",
                type: "bit",
                nullable: false,
                defaultValue: false);

            // Answers settled before this version were audited when they came: a round still unsettled must not record them again.
            migrationBuilder.Sql(
                "UPDATE \"AgencyAnswers\" SET \"Carried\" = 1 WHERE \"State\" <> 'Awaited' " +
                "AND \"RoundId\" IN (SELECT \"CurrentRoundId\" FROM \"Households\" WHERE \"CurrentEvaluationId\" IS NULL)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Carried",
                table: "AgencyAnswers");
        }
    }
}
