using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations.SqlServer
{
    /// <summary>
    /// The evaluations' figures a head and the re-comparison's incomes become text, each the text SQL Server converts its
    /// decimal to (<c>1234.50</c>), which the model reads back as the same amount and the start-up pass
    /// (PersonalDataReencryption) encrypts: SQL cannot know the key. Down only before that pass has run: SQL cannot read an
    /// encrypted amount back, and the conversion refuses one rather than lose it.
    /// </summary>
    public partial class HouseholdFiguresEncrypted : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "NewIncome",
                table: "RecomparisonItems",
                type: "nvarchar(185)",
                maxLength: 185,
                nullable: true,
                oldClrType: typeof(decimal),
                oldType: "decimal(18,2)",
                oldPrecision: 18,
                oldScale: 2,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "ConfirmedIncome",
                table: "RecomparisonItems",
                type: "nvarchar(185)",
                maxLength: 185,
                nullable: true,
                oldClrType: typeof(decimal),
                oldType: "decimal(18,2)",
                oldPrecision: 18,
                oldScale: 2,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "PerCapitaMonthlyIncome",
                table: "Evaluations",
                type: "nvarchar(185)",
                maxLength: 185,
                nullable: true,
                oldClrType: typeof(decimal),
                oldType: "decimal(18,2)",
                oldPrecision: 18,
                oldScale: 2,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "PerCapitaFinancialAssets",
                table: "Evaluations",
                type: "nvarchar(185)",
                maxLength: 185,
                nullable: true,
                oldClrType: typeof(decimal),
                oldType: "decimal(18,2)",
                oldPrecision: 18,
                oldScale: 2,
                oldNullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<decimal>(
                name: "NewIncome",
                table: "RecomparisonItems",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(185)",
                oldMaxLength: 185,
                oldNullable: true);

            migrationBuilder.AlterColumn<decimal>(
                name: "ConfirmedIncome",
                table: "RecomparisonItems",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(185)",
                oldMaxLength: 185,
                oldNullable: true);

            migrationBuilder.AlterColumn<decimal>(
                name: "PerCapitaMonthlyIncome",
                table: "Evaluations",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(185)",
                oldMaxLength: 185,
                oldNullable: true);

            migrationBuilder.AlterColumn<decimal>(
                name: "PerCapitaFinancialAssets",
                table: "Evaluations",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(185)",
                oldMaxLength: 185,
                oldNullable: true);
        }
    }
}
