using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class StaffRelativesPerJurisdiction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StaffRelatives_Active_StaffUser_IdKey",
                table: "StaffRelatives");

            migrationBuilder.CreateIndex(
                name: "IX_StaffRelatives_Active_StaffUser_IdKey_Jurisdiction",
                table: "StaffRelatives",
                columns: new[] { "StaffUser", "IdKey", "Jurisdiction" },
                unique: true,
                filter: "\"RemovedAtUtc\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StaffRelatives_Active_StaffUser_IdKey_Jurisdiction",
                table: "StaffRelatives");

            migrationBuilder.CreateIndex(
                name: "IX_StaffRelatives_Active_StaffUser_IdKey",
                table: "StaffRelatives",
                columns: new[] { "StaffUser", "IdKey" },
                unique: true,
                filter: "\"RemovedAtUtc\" IS NULL");
        }
    }
}
