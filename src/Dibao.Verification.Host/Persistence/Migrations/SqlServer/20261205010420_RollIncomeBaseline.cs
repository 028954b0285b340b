using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RollIncomeBaseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BaselinePerCapitaMonthlyIncome",
                table: "RollHouseholds",
                type: "nvarchar(185)",
                maxLength: 185,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "BaselineRunId",
                table: "RollHouseholds",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "BaselineRunId",
                table: "RecomparisonItems",
                type: "uniqueidentifier",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BaselinePerCapitaMonthlyIncome",
                table: "RollHouseholds");

            migrationBuilder.DropColumn(
                name: "BaselineRunId",
                table: "RollHouseholds");

            migrationBuilder.DropColumn(
                name: "BaselineRunId",
                table: "RecomparisonItems");
        }
    }
}
