using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StaffRelatives : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StaffRelatives",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffUser = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    IdKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IdNumberMasked = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Relation = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Jurisdiction = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    RegisteredBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    RegisteredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RemovedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    RemovedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffRelatives", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StaffRelatives_Active_IdKey",
                table: "StaffRelatives",
                column: "IdKey",
                filter: "\"RemovedAtUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_StaffRelatives_Active_StaffUser_IdKey",
                table: "StaffRelatives",
                columns: new[] { "StaffUser", "IdKey" },
                unique: true,
                filter: "\"RemovedAtUtc\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StaffRelatives");
        }
    }
}
