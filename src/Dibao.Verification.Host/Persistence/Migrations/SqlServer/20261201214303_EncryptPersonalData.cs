using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations.SqlServer
{
    /// <summary>
    /// Room for encrypted identity numbers and names, and the keyed-hash columns lookups go through. The rows themselves
    /// are encrypted and hashed by the hub at start-up (PersonalDataReencryption): SQL cannot know the key.
    /// </summary>
    public partial class EncryptPersonalData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Members_IdNumber",
                table: "Members");

            migrationBuilder.DropIndex(
                name: "IX_AgencyAnswers_QueryId_IdNumber",
                table: "AgencyAnswers");

            migrationBuilder.AlterColumn<string>(
                name: "Name",
                table: "Members",
                type: "nvarchar(317)",
                maxLength: 317,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(64)",
                oldMaxLength: 64);

            migrationBuilder.AlterColumn<string>(
                name: "IdNumber",
                table: "Members",
                type: "nvarchar(133)",
                maxLength: 133,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(18)",
                oldMaxLength: 18);

            migrationBuilder.AddColumn<string>(
                name: "IdHash",
                table: "Members",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AlterColumn<string>(
                name: "IdNumber",
                table: "AgencyAnswers",
                type: "nvarchar(133)",
                maxLength: 133,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(18)",
                oldMaxLength: 18);

            migrationBuilder.AddColumn<string>(
                name: "IdHash",
                table: "AgencyAnswers",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Members_IdHash",
                table: "Members",
                column: "IdHash");

            migrationBuilder.CreateIndex(
                name: "IX_AgencyAnswers_QueryId_IdHash",
                table: "AgencyAnswers",
                columns: new[] { "QueryId", "IdHash" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Members_IdHash",
                table: "Members");

            migrationBuilder.DropIndex(
                name: "IX_AgencyAnswers_QueryId_IdHash",
                table: "AgencyAnswers");

            migrationBuilder.DropColumn(
                name: "IdHash",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "IdHash",
                table: "AgencyAnswers");

            migrationBuilder.AlterColumn<string>(
                name: "Name",
                table: "Members",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(317)",
                oldMaxLength: 317);

            migrationBuilder.AlterColumn<string>(
                name: "IdNumber",
                table: "Members",
                type: "nvarchar(18)",
                maxLength: 18,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(133)",
                oldMaxLength: 133);

            migrationBuilder.AlterColumn<string>(
                name: "IdNumber",
                table: "AgencyAnswers",
                type: "nvarchar(18)",
                maxLength: 18,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(133)",
                oldMaxLength: 133);

            migrationBuilder.CreateIndex(
                name: "IX_Members_IdNumber",
                table: "Members",
                column: "IdNumber");

            migrationBuilder.CreateIndex(
                name: "IX_AgencyAnswers_QueryId_IdNumber",
                table: "AgencyAnswers",
                columns: new[] { "QueryId", "IdNumber" });
        }
    }
}
