using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class HouseholdConsentDate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ConsentSignedOn",
                table: "Households",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            // Households submitted before the date was kept were authorized as of their submission, the default for a batch naming none.
            migrationBuilder.Sql("UPDATE h SET h.[ConsentSignedOn] = CAST(b.[SubmittedAtUtc] AS date) FROM [Households] AS h INNER JOIN [Batches] AS b ON b.[Id] = h.[BatchId];");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConsentSignedOn",
                table: "Households");
        }
    }
}
