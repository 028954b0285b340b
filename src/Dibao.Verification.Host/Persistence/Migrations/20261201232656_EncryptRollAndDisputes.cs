using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations
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

            migrationBuilder.AddColumn<string>(
                name: "IdHash",
                table: "RollMembers",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

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

            migrationBuilder.CreateIndex(
                name: "IX_RollMembers_IdNumber",
                table: "RollMembers",
                column: "IdNumber");
        }
    }
}
