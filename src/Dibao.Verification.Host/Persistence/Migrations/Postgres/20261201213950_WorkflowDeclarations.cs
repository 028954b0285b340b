using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WorkflowDeclarations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "DeclaredFinancialAssets",
                table: "Members",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "DeclaredMonthlyIncome",
                table: "Members",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeclarationsJson",
                table: "Evaluations",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DeclaredFinancialAssets",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "DeclaredMonthlyIncome",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "DeclarationsJson",
                table: "Evaluations");
        }
    }
}
