using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RollHouseholds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Cases",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "application");

            migrationBuilder.CreateTable(
                name: "RollHouseholds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Township = table.Column<string>(type: "nvarchar(9)", maxLength: 9, nullable: false),
                    Ref = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Since = table.Column<DateOnly>(type: "date", nullable: false),
                    ConsentRef = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ConsentSignedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Source = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    CaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    EvaluationId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    JoinedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    JoinedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    LeftAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LeftByCaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollHouseholds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RollMembers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RollHouseholdId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Ordinal = table.Column<int>(type: "int", nullable: false),
                    IdNumber = table.Column<string>(type: "nvarchar(18)", maxLength: 18, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Relation = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RollMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RollMembers_RollHouseholds_RollHouseholdId",
                        column: x => x.RollHouseholdId,
                        principalTable: "RollHouseholds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RollHouseholds_Active_Township_Ref",
                table: "RollHouseholds",
                columns: new[] { "Township", "Ref" },
                unique: true,
                filter: "\"LeftAtUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_RollHouseholds_CaseId",
                table: "RollHouseholds",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_RollMembers_IdNumber",
                table: "RollMembers",
                column: "IdNumber");

            migrationBuilder.CreateIndex(
                name: "IX_RollMembers_RollHouseholdId",
                table: "RollMembers",
                column: "RollHouseholdId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RollMembers");

            migrationBuilder.DropTable(
                name: "RollHouseholds");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Cases");
        }
    }
}
