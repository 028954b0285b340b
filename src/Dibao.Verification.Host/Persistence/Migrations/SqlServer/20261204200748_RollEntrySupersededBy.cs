using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RollEntrySupersededBy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "SupersededById",
                table: "RollHouseholds",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_RecomparisonItems_Township_Ref",
                table: "RecomparisonItems",
                columns: new[] { "Township", "Ref" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RecomparisonItems_Township_Ref",
                table: "RecomparisonItems");

            migrationBuilder.DropColumn(
                name: "SupersededById",
                table: "RollHouseholds");
        }
    }
}
