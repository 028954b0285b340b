using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AnswerIndexesForLargeBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AgencyAnswers_RoundId",
                table: "AgencyAnswers");

            migrationBuilder.DropIndex(
                name: "IX_AgencyAnswers_State_DeadlineUtc",
                table: "AgencyAnswers");

            migrationBuilder.CreateIndex(
                name: "IX_AgencyAnswers_Awaited_DeadlineUtc",
                table: "AgencyAnswers",
                column: "DeadlineUtc",
                filter: "\"State\" = 'Awaited'");

            migrationBuilder.CreateIndex(
                name: "IX_AgencyAnswers_RoundId_State",
                table: "AgencyAnswers",
                columns: new[] { "RoundId", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AgencyAnswers_Awaited_DeadlineUtc",
                table: "AgencyAnswers");

            migrationBuilder.DropIndex(
                name: "IX_AgencyAnswers_RoundId_State",
                table: "AgencyAnswers");

            migrationBuilder.CreateIndex(
                name: "IX_AgencyAnswers_RoundId",
                table: "AgencyAnswers",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_AgencyAnswers_State_DeadlineUtc",
                table: "AgencyAnswers",
                columns: new[] { "State", "DeadlineUtc" });
        }
    }
}
