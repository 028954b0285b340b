using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RecomparisonChunks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameIndex(
                name: "IX_RollHouseholds_Active_Township_Ref",
                table: "RollHouseholds",
                newName: "IX_RollHouseholds_Township_Ref");

            migrationBuilder.AddColumn<int>(
                name: "Persons",
                table: "AgencyQueries",
                type: "int",
                nullable: false,
                defaultValue: 0);

            // The agencies' limits on runs count the persons of questions still out: give those their count.
            migrationBuilder.Sql(
                "UPDATE \"AgencyQueries\" SET \"Persons\" = (SELECT COUNT(*) FROM \"AgencyAnswers\" WHERE \"AgencyAnswers\".\"QueryId\" = \"AgencyQueries\".\"Id\") " +
                "WHERE \"AnsweredAtUtc\" IS NULL");

            migrationBuilder.CreateTable(
                name: "RecomparisonChunks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RunId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Township = table.Column<string>(type: "nvarchar(9)", maxLength: 9, nullable: false),
                    AfterRef = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    LastRef = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Households = table.Column<int>(type: "int", nullable: false),
                    TakenAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    AskedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ComparedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Unchanged = table.Column<int>(type: "int", nullable: false),
                    Unavailable = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecomparisonChunks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecomparisonChunks_RecomparisonRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "RecomparisonRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RecomparisonAnswers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ChunkId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Source = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    RefusalCode = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    FindingsJson = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    AnsweredAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecomparisonAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecomparisonAnswers_RecomparisonChunks_ChunkId",
                        column: x => x.ChunkId,
                        principalTable: "RecomparisonChunks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RecomparisonTallies",
                columns: table => new
                {
                    ChunkId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Source = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    RunId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Asked = table.Column<int>(type: "int", nullable: false),
                    Refused = table.Column<int>(type: "int", nullable: false),
                    Unavailable = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecomparisonTallies", x => new { x.ChunkId, x.Source });
                    table.ForeignKey(
                        name: "FK_RecomparisonTallies_RecomparisonChunks_ChunkId",
                        column: x => x.ChunkId,
                        principalTable: "RecomparisonChunks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RecomparisonAnswers_ChunkId",
                table: "RecomparisonAnswers",
                column: "ChunkId");

            migrationBuilder.CreateIndex(
                name: "IX_RecomparisonChunks_RunId_ComparedAtUtc",
                table: "RecomparisonChunks",
                columns: new[] { "RunId", "ComparedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_RecomparisonChunks_RunId_Township_LastRef",
                table: "RecomparisonChunks",
                columns: new[] { "RunId", "Township", "LastRef" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RecomparisonTallies_RunId",
                table: "RecomparisonTallies",
                column: "RunId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RecomparisonAnswers");

            migrationBuilder.DropTable(
                name: "RecomparisonTallies");

            migrationBuilder.DropTable(
                name: "RecomparisonChunks");

            migrationBuilder.DropColumn(
                name: "Persons",
                table: "AgencyQueries");

            migrationBuilder.RenameIndex(
                name: "IX_RollHouseholds_Township_Ref",
                table: "RollHouseholds",
                newName: "IX_RollHouseholds_Active_Township_Ref");
        }
    }
}
