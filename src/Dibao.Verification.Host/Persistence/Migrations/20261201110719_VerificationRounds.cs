using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class VerificationRounds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Cases_Households_HouseholdId",
                table: "Cases");

            migrationBuilder.DropForeignKey(
                name: "FK_Households_Batches_BatchId",
                table: "Households");

            migrationBuilder.DropForeignKey(
                name: "FK_Members_Households_HouseholdId",
                table: "Members");

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "Outbox",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptAtUtc",
                table: "Outbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ParkedAtUtc",
                table: "Outbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RoundId",
                table: "Members",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<Guid>(
                name: "CurrentRoundId",
                table: "Households",
                type: "TEXT",
                nullable: false,
                defaultValue: Guid.Empty);

            migrationBuilder.AddColumn<Guid>(
                name: "CurrentEvaluationId",
                table: "Households",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CurrentRound",
                table: "Households",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "EvaluationError",
                table: "Households",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Round",
                table: "CaseSteps",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "EvaluationId",
                table: "Cases",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<int>(
                name: "Round",
                table: "Cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "LateAtUtc",
                table: "AgencyAnswers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LateFactsJson",
                table: "AgencyAnswers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LateKind",
                table: "AgencyAnswers",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LateRefusalCode",
                table: "AgencyAnswers",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RoundId",
                table: "AgencyAnswers",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateTable(
                name: "Rounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BatchId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Cause = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Rounds_Households_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Households",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Evaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BatchId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PerCapitaMonthlyIncome = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    PerCapitaFinancialAssets = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    ReasonsJson = table.Column<string>(type: "TEXT", nullable: false),
                    PolicyName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PolicyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EvaluatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Evaluations_Rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            // Households verified before rounds existed become round 1, with the result they had as its evaluation.
            // The round and the evaluation take the household's id, which is unique and needs no generator in SQL.
            migrationBuilder.Sql("""
                INSERT INTO Rounds (Id, HouseholdId, BatchId, Number, Cause, StartedAtUtc)
                    SELECT h.Id, h.Id, h.BatchId, 1, 'submission', b.SubmittedAtUtc FROM Households h JOIN Batches b ON b.Id = h.BatchId;
                UPDATE Households SET CurrentRoundId = Id, CurrentRound = 1;
                UPDATE Members SET RoundId = HouseholdId;
                UPDATE AgencyAnswers SET RoundId = HouseholdId;
                INSERT INTO Evaluations (Id, RoundId, HouseholdId, BatchId, RoundNumber, Outcome, PerCapitaMonthlyIncome, PerCapitaFinancialAssets, ReasonsJson, PolicyName, PolicyHash, EvaluatedAtUtc)
                    SELECT h.Id, h.Id, h.Id, h.BatchId, 1, h.Outcome, h.PerCapitaMonthlyIncome, h.PerCapitaFinancialAssets, h.ReasonsJson, b.PolicyName, 'unrecorded', COALESCE(h.EvaluatedAtUtc, h.SettledAtUtc)
                    FROM Households h JOIN Batches b ON b.Id = h.BatchId WHERE h.SettledAtUtc IS NOT NULL;
                UPDATE Households SET CurrentEvaluationId = Id WHERE SettledAtUtc IS NOT NULL;
                UPDATE Cases SET EvaluationId = HouseholdId, Round = 1;
                UPDATE CaseSteps SET Round = 1;
                """);

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "PerCapitaFinancialAssets",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "PerCapitaMonthlyIncome",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "ReasonsJson",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "EvaluatedAtUtc",
                table: "Households");

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_ParkedAtUtc",
                table: "Outbox",
                column: "ParkedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Members_RoundId",
                table: "Members",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_Households_BatchId_SettledAtUtc",
                table: "Households",
                columns: new[] { "BatchId", "SettledAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AgencyAnswers_RoundId_State",
                table: "AgencyAnswers",
                columns: new[] { "RoundId", "State" });

            migrationBuilder.DropIndex(
                name: "IX_AgencyAnswers_QueryId",
                table: "AgencyAnswers");

            migrationBuilder.CreateIndex(
                name: "IX_AgencyAnswers_QueryId_IdNumber",
                table: "AgencyAnswers",
                columns: new[] { "QueryId", "IdNumber" });

            migrationBuilder.DropIndex(
                name: "IX_AgencyAnswers_State_DeadlineUtc",
                table: "AgencyAnswers");

            migrationBuilder.CreateIndex(
                name: "IX_AgencyAnswers_Awaited_DeadlineUtc",
                table: "AgencyAnswers",
                column: "DeadlineUtc",
                filter: "\"State\" = 'Awaited'");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_BatchId",
                table: "Evaluations",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_HouseholdId",
                table: "Evaluations",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_RoundId",
                table: "Evaluations",
                column: "RoundId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Rounds_HouseholdId_Number",
                table: "Rounds",
                columns: new[] { "HouseholdId", "Number" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Cases_Households_HouseholdId",
                table: "Cases",
                column: "HouseholdId",
                principalTable: "Households",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Households_Batches_BatchId",
                table: "Households",
                column: "BatchId",
                principalTable: "Batches",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Members_Rounds_RoundId",
                table: "Members",
                column: "RoundId",
                principalTable: "Rounds",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Cases_Households_HouseholdId",
                table: "Cases");

            migrationBuilder.DropForeignKey(
                name: "FK_Households_Batches_BatchId",
                table: "Households");

            migrationBuilder.DropForeignKey(
                name: "FK_Members_Rounds_RoundId",
                table: "Members");

            migrationBuilder.DropTable(
                name: "Evaluations");

            migrationBuilder.DropTable(
                name: "Rounds");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_ParkedAtUtc",
                table: "Outbox");

            migrationBuilder.DropIndex(
                name: "IX_Members_RoundId",
                table: "Members");

            migrationBuilder.DropIndex(
                name: "IX_Households_BatchId_SettledAtUtc",
                table: "Households");

            migrationBuilder.DropIndex(
                name: "IX_AgencyAnswers_RoundId_State",
                table: "AgencyAnswers");

            migrationBuilder.DropIndex(
                name: "IX_AgencyAnswers_QueryId_IdNumber",
                table: "AgencyAnswers");

            migrationBuilder.CreateIndex(
                name: "IX_AgencyAnswers_QueryId",
                table: "AgencyAnswers",
                column: "QueryId");

            migrationBuilder.DropIndex(
                name: "IX_AgencyAnswers_Awaited_DeadlineUtc",
                table: "AgencyAnswers");

            migrationBuilder.CreateIndex(
                name: "IX_AgencyAnswers_State_DeadlineUtc",
                table: "AgencyAnswers",
                columns: new[] { "State", "DeadlineUtc" });

            migrationBuilder.DropColumn(
                name: "LastError",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "NextAttemptAtUtc",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "ParkedAtUtc",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "RoundId",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "CurrentRound",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "EvaluationError",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "Round",
                table: "CaseSteps");

            migrationBuilder.DropColumn(
                name: "EvaluationId",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Round",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "LateAtUtc",
                table: "AgencyAnswers");

            migrationBuilder.DropColumn(
                name: "LateFactsJson",
                table: "AgencyAnswers");

            migrationBuilder.DropColumn(
                name: "LateKind",
                table: "AgencyAnswers");

            migrationBuilder.DropColumn(
                name: "LateRefusalCode",
                table: "AgencyAnswers");

            migrationBuilder.DropColumn(
                name: "RoundId",
                table: "AgencyAnswers");

            // Going back keeps only the households: their latest results lived in rounds, which this drops.
            migrationBuilder.DropColumn(
                name: "CurrentRoundId",
                table: "Households");

            migrationBuilder.DropColumn(
                name: "CurrentEvaluationId",
                table: "Households");

            migrationBuilder.AddColumn<string>(
                name: "ReasonsJson",
                table: "Households",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<DateTime>(
                name: "EvaluatedAtUtc",
                table: "Households",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "Households",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<decimal>(
                name: "PerCapitaFinancialAssets",
                table: "Households",
                type: "TEXT",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "PerCapitaMonthlyIncome",
                table: "Households",
                type: "TEXT",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Cases_Households_HouseholdId",
                table: "Cases",
                column: "HouseholdId",
                principalTable: "Households",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Households_Batches_BatchId",
                table: "Households",
                column: "BatchId",
                principalTable: "Batches",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Members_Households_HouseholdId",
                table: "Members",
                column: "HouseholdId",
                principalTable: "Households",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
