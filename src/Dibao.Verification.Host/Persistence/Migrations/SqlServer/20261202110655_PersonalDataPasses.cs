using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PersonalDataPasses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PersonalDataPasses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    KeyRing = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Columns = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    CompletedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonalDataPasses", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PersonalDataPasses_CompletedAtUtc",
                table: "PersonalDataPasses",
                column: "CompletedAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PersonalDataPasses");
        }
    }
}
