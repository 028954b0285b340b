using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations.Postgres
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
                type: "character varying(185)",
                maxLength: 185,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "BaselineRunId",
                table: "RollHouseholds",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "BaselineRunId",
                table: "RecomparisonItems",
                type: "uuid",
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
