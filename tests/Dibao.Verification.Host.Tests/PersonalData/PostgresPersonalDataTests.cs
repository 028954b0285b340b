using Dibao.Verification.Host.Tests.EndToEnd;
using Dibao.Verification.Host.Tests.Postgres;

namespace Dibao.Verification.Host.Tests.PersonalData;

/// <summary>Personal data at rest on a real PostgreSQL server: no plaintext in any row, and the start-up conversion and rotation.</summary>
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
}
