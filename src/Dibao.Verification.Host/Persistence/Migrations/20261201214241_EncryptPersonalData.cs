using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations
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

            migrationBuilder.AddColumn<string>(
                name: "IdHash",
                table: "Members",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "IdHash",
                table: "AgencyAnswers",
                type: "TEXT",
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
