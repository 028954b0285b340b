using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ProgressByBatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Households_SettledAtUtc",
                table: "Households");

            migrationBuilder.CreateIndex(
                name: "IX_Households_BatchId_SettledAtUtc",
                table: "Households",
                columns: new[] { "BatchId", "SettledAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Households_BatchId_SettledAtUtc",
                table: "Households");

            migrationBuilder.CreateIndex(
                name: "IX_Households_SettledAtUtc",
                table: "Households",
                column: "SettledAtUtc");
        }
    }
}
