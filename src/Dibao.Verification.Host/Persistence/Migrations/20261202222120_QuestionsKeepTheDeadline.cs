using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class QuestionsKeepTheDeadline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AgencyAnswers_Awaited_DeadlineUtc",
                table: "AgencyAnswers");

            migrationBuilder.DropColumn(
                name: "DeadlineUtc",
                table: "AgencyAnswers");

            migrationBuilder.AddColumn<DateTime>(
                name: "SweepAtUtc",
                table: "AgencyQueries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AgencyQueries_SweepAtUtc",
                table: "AgencyQueries",
                column: "SweepAtUtc",
                filter: "\"SweepAtUtc\" IS NOT NULL");

            // The questions whose answers are still awaited keep their deadline for the sweep.
            migrationBuilder.Sql(
                "UPDATE \"AgencyQueries\" SET \"SweepAtUtc\" = \"DeadlineUtc\" WHERE \"DeadlineUtc\" IS NOT NULL AND EXISTS (" +
                "SELECT 1 FROM \"AgencyAnswers\" WHERE \"AgencyAnswers\".\"QueryId\" = \"AgencyQueries\".\"Id\" AND \"AgencyAnswers\".\"State\" = 'Awaited')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AgencyQueries_SweepAtUtc",
                table: "AgencyQueries");

            migrationBuilder.DropColumn(
                name: "SweepAtUtc",
                table: "AgencyQueries");

            migrationBuilder.AddColumn<DateTime>(
                name: "DeadlineUtc",
                table: "AgencyAnswers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AgencyAnswers_Awaited_DeadlineUtc",
                table: "AgencyAnswers",
                column: "DeadlineUtc",
                filter: "\"State\" = 'Awaited'");

            migrationBuilder.Sql(
                "UPDATE \"AgencyAnswers\" SET \"DeadlineUtc\" = " +
                "(SELECT \"DeadlineUtc\" FROM \"AgencyQueries\" WHERE \"AgencyQueries\".\"Id\" = \"AgencyAnswers\".\"QueryId\")");
        }
    }
}
