using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AnswersByQueryAndPerson : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AgencyAnswers_QueryId",
                table: "AgencyAnswers");

            migrationBuilder.CreateIndex(
                name: "IX_AgencyAnswers_QueryId_IdNumber",
                table: "AgencyAnswers",
                columns: new[] { "QueryId", "IdNumber" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AgencyAnswers_QueryId_IdNumber",
                table: "AgencyAnswers");

            migrationBuilder.CreateIndex(
                name: "IX_AgencyAnswers_QueryId",
                table: "AgencyAnswers",
                column: "QueryId");
        }
    }
}
