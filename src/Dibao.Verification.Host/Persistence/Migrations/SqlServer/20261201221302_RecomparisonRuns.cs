using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RecomparisonRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RecomparisonRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Jurisdiction = table.Column<string>(type: "nvarchar(9)", maxLength: 9, nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    RequestedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Households = table.Column<int>(type: "int", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    FinishedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CursorTownship = table.Column<string>(type: "nvarchar(9)", maxLength: 9, nullable: true),
                    CursorRef = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Exhausted = table.Column<bool>(type: "bit", nullable: false),
                    Failure = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecomparisonRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RecomparisonItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RunId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RollHouseholdId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Township = table.Column<string>(type: "nvarchar(9)", maxLength: 9, nullable: false),
                    Ref = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Change = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    ConfirmedIncome = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: true),
                    NewIncome = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: true),
                    ComparedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecomparisonItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecomparisonItems_RecomparisonRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "RecomparisonRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RecomparisonItems_HouseholdId",
                table: "RecomparisonItems",
                column: "HouseholdId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RecomparisonItems_RunId_Change_Township_Ref",
                table: "RecomparisonItems",
                columns: new[] { "RunId", "Change", "Township", "Ref" });

            migrationBuilder.CreateIndex(
                name: "IX_RecomparisonItems_RunId_RollHouseholdId",
                table: "RecomparisonItems",
                columns: new[] { "RunId", "RollHouseholdId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RecomparisonRuns_Status",
                table: "RecomparisonRuns",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RecomparisonItems");

            migrationBuilder.DropTable(
                name: "RecomparisonRuns");
        }
    }
}
