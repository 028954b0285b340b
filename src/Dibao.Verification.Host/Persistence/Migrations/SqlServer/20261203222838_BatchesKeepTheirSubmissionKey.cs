using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class BatchesKeepTheirSubmissionKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SubmissionHash",
                table: "Batches",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubmissionKey",
                table: "Batches",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Batches_Township_SubmissionKey",
                table: "Batches",
                columns: new[] { "Township", "SubmissionKey" },
                unique: true,
                filter: "\"SubmissionKey\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Batches_Township_SubmissionKey",
                table: "Batches");

            migrationBuilder.DropColumn(
                name: "SubmissionHash",
                table: "Batches");

            migrationBuilder.DropColumn(
                name: "SubmissionKey",
                table: "Batches");
        }
    }
}
