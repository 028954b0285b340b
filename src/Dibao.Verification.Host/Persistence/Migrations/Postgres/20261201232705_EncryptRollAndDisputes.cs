using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EncryptRollAndDisputes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RollMembers_IdNumber",
                table: "RollMembers");

            migrationBuilder.AlterColumn<string>(
                name: "Name",
                table: "RollMembers",
                type: "character varying(317)",
                maxLength: 317,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AlterColumn<string>(
                name: "IdNumber",
                table: "RollMembers",
                type: "character varying(133)",
                maxLength: 133,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(18)",
                oldMaxLength: 18);

            migrationBuilder.AddColumn<string>(
                name: "IdHash",
                table: "RollMembers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AlterColumn<string>(
                name: "IdNumber",
                table: "Disputes",
                type: "character varying(133)",
                maxLength: 133,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(18)",
                oldMaxLength: 18,
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_RollMembers_IdHash",
                table: "RollMembers",
                column: "IdHash");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RollMembers_IdHash",
                table: "RollMembers");

            migrationBuilder.DropColumn(
                name: "IdHash",
                table: "RollMembers");

            migrationBuilder.AlterColumn<string>(
                name: "Name",
                table: "RollMembers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(317)",
                oldMaxLength: 317);

            migrationBuilder.AlterColumn<string>(
                name: "IdNumber",
                table: "RollMembers",
                type: "character varying(18)",
                maxLength: 18,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(133)",
                oldMaxLength: 133);

            migrationBuilder.AlterColumn<string>(
                name: "IdNumber",
                table: "Disputes",
                type: "character varying(18)",
                maxLength: 18,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(133)",
                oldMaxLength: 133,
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_RollMembers_IdNumber",
                table: "RollMembers",
                column: "IdNumber");
        }
    }
}
