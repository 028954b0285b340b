using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations.SqlServer
{
    /// <summary>
    /// The members' declared amounts become text, each the text SQL Server converts its decimal to (<c>1234.50</c>), which
    /// the model reads back as the same amount and the start-up pass (PersonalDataReencryption) encrypts: SQL cannot know
    /// the key. Down only before that pass has run: SQL cannot read an encrypted amount back, and the conversion refuses
    /// one rather than lose it.
    /// </summary>
    public partial class MembersDeclaredEncrypted : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "DeclaredMonthlyIncome",
                table: "Members",
                type: "nvarchar(185)",
                maxLength: 185,
                nullable: true,
                oldClrType: typeof(decimal),
                oldType: "decimal(18,2)",
                oldPrecision: 18,
                oldScale: 2,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "DeclaredFinancialAssets",
                table: "Members",
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
                name: "DeclaredMonthlyIncome",
                table: "Members",
                type: "decimal(18,2)",
                precision: 18,
                scale: 2,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(185)",
                oldMaxLength: 185,
                oldNullable: true);

            migrationBuilder.AlterColumn<decimal>(
                name: "DeclaredFinancialAssets",
                table: "Members",
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
