using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Host.Tests.Persistence;
using Dibao.Verification.Host.Tests.Postgres;

namespace Dibao.Verification.Host.Tests.PersonalData;

/// <summary>
/// Personal data at rest on a real PostgreSQL server: no plaintext in any row, the start-up conversion and rotation, and the
/// declared amounts and the figures a head of decimal columns through the upgrade.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresPersonalDataTests(PostgresCluster cluster)
{
    [PostgresFact]
    public async Task After_a_batch_no_row_of_any_table_holds_an_identity_number_name_or_balance_and_lookups_by_number_still_work()
    {
        await using var hub = await RunningHub.StartOnPostgresAsync(await cluster.CreateDatabaseAsync());
        await PersonalDataAtRestTests.ShouldHoldNoPlaintextAsync(hub, start: 5_600);
    }

    [PostgresFact]
    public async Task Plaintext_rows_are_encrypted_once_at_start_up_and_a_new_key_re_encrypts_everything_without_losing_a_lookup() =>
        await PersonalDataAtRestTests.ShouldConvertAndRotateAsync(await RunningHub.StartOnPostgresAsync(await cluster.CreateDatabaseAsync()), start: 5_800);

    [PostgresFact]
    public async Task Declared_amounts_stored_as_decimals_before_the_upgrade_are_encrypted_at_the_next_start_and_read_back_the_same()
    {
        await using var services = HubDatabase.Services("Postgres", await cluster.CreateDatabaseAsync());
        await DeclaredAmountsUpgradeTests.ShouldEncryptAmountsStoredAsDecimalsAsync(services);
    }

    [PostgresFact]
    public async Task Figures_stored_as_decimals_before_the_upgrade_are_encrypted_at_the_next_start_and_read_back_the_same()
    {
        await using var services = HubDatabase.Services("Postgres", await cluster.CreateDatabaseAsync());
        await HouseholdFiguresUpgradeTests.ShouldEncryptFiguresStoredAsDecimalsAsync(services);
    }
}
