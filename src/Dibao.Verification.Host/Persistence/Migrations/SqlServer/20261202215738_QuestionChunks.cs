using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class QuestionChunks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "Chunk",
                table: "AgencyQueries",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AgencyQueries_OpenChunk",
                table: "AgencyQueries",
                column: "Chunk",
                filter: "\"AnsweredAtUtc\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AgencyQueries_OpenChunk",
                table: "AgencyQueries");

            migrationBuilder.DropColumn(
                name: "Chunk",
                table: "AgencyQueries");
        }
    }
}
