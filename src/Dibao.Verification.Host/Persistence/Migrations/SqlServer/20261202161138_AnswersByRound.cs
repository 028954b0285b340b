using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AnswersByRound : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AgencyAnswers_HouseholdId",
                table: "AgencyAnswers");

            migrationBuilder.DropIndex(
                name: "IX_AgencyAnswers_RoundId_State",
                table: "AgencyAnswers");

            migrationBuilder.CreateIndex(
                name: "IX_AgencyAnswers_RoundId",
                table: "AgencyAnswers",
                column: "RoundId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AgencyAnswers_RoundId",
                table: "AgencyAnswers");

            migrationBuilder.CreateIndex(
                name: "IX_AgencyAnswers_HouseholdId",
                table: "AgencyAnswers",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_AgencyAnswers_RoundId_State",
                table: "AgencyAnswers",
                columns: new[] { "RoundId", "State" });
        }
    }
}
