using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ParkedRoundsAudited : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AuditedRound",
                table: "Households",
                type: "INTEGER",
                nullable: true);

            // A settled household's round was recorded when it settled; a parked one's is recorded when it is parked next.
            migrationBuilder.Sql("UPDATE \"Households\" SET \"AuditedRound\" = \"CurrentRound\" WHERE \"CurrentEvaluationId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AuditedRound",
                table: "Households");
        }
    }
}
