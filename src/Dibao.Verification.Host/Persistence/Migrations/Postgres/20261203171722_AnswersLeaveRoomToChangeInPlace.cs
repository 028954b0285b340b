using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AnswersLeaveRoomToChangeInPlace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Pages written from now on keep the room (see PostgresHubDbContext.AnswersFillFactor); the answers already
            // stored are settled, and are not rewritten.
            migrationBuilder.AlterTable(
                name: "AgencyAnswers")
                .Annotation("Npgsql:StorageParameter:fillfactor", 45);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "AgencyAnswers")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 45);
        }
    }
}
