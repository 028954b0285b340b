using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class WorkflowDisputes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Disputes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Township = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    HouseholdRef = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Agency = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IdNumber = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueProvisional = table.Column<bool>(type: "INTEGER", nullable: false),
                    RoundBefore = table.Column<int>(type: "INTEGER", nullable: false),
                    OutcomeBefore = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    AnsweredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OutcomeAfter = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    RemindedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Disputes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Disputes_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Disputes_AnsweredAtUtc_DueOn",
                table: "Disputes",
                columns: new[] { "AnsweredAtUtc", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Disputes_CaseId",
                table: "Disputes",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Disputes_HouseholdId_Round",
                table: "Disputes",
                columns: new[] { "HouseholdId", "Round" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Disputes");
        }
    }
}
