using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class QuestionsKeepTheIncomeWindow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Nothing is filled in for the questions already planned: which policy file was loaded when they were is not
            // known here. Their answers are read as asked under the window of the policy they are evaluated under, as
            // they were before (AgencyQuery.AskedWindow).
            migrationBuilder.AddColumn<DateOnly>(
                name: "IncomeFromMonth",
                table: "AgencyQueries",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "IncomeToMonth",
                table: "AgencyQueries",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IncomeFromMonth",
                table: "AgencyQueries");

            migrationBuilder.DropColumn(
                name: "IncomeToMonth",
                table: "AgencyQueries");
        }
    }
}
