using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dibao.Verification.Host.Persistence.Migrations
{
    /// <summary>
    /// Nothing to convert: SQLite already stored the evaluations' figures a head and the re-comparison's incomes as their
    /// invariant text (<c>1234.5</c>), which the model now reads through its encryption and the start-up pass
    /// (PersonalDataReencryption) encrypts. The migration marks the change of model, as the servers' do. Down cannot undo the
    /// encryption: SQL cannot know the key.
    /// </summary>
    public partial class HouseholdFiguresEncrypted : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
