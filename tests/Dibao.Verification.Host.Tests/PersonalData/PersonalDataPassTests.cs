using Dibao.Verification.Host.Audit;
using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.PersonalData;
using Dibao.Verification.Host.Roll;
using Dibao.Verification.Host.Tests.Audit;
using Dibao.Verification.Host.Tests.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dibao.Verification.Host.Tests.PersonalData;

/// <summary>
/// When the start-up pass over the personal columns reads the tables, on a real SQLite file. A roll member's number left
/// in plaintext behind the hub's back is the probe: a pass that reads the table converts it, one that reads none leaves it.
/// </summary>
public sealed class PersonalDataPassTests : IAsyncLifetime
{
    private const string IdNumber = "220105198003150011";
    private static readonly byte[] SecondKey = [.. Enumerable.Range(100, 32).Select(i => (byte)i)];

    private readonly string _folder = Directory.CreateTempSubdirectory("dibao-pass-").FullName;
    private readonly PersonalDataProtector _first = TestPersonalData.Protector;

    private readonly PersonalDataProtector _rotating = new(
        "2", SecondKey, new Dictionary<string, byte[]> { ["1"] = Convert.FromBase64String(PersonalDataKeys.WellKnownTestKey) }, new PersonHasher(TestAudit.PersonKey));

    private readonly PersonalDataProtector _second = new("2", SecondKey, new Dictionary<string, byte[]>(), new PersonHasher(TestAudit.PersonKey));

    [Fact]
    public async Task A_start_after_a_complete_pass_under_the_same_single_key_reads_no_table()
    {
        await SeedAsync();
        await LeavePlaintextAsync();
        (await PassAsync(_first)).ShouldBe(1, "the first start has no pass to go by");
        (await StoredAsync()).ShouldStartWith("enc:1:");

        await LeavePlaintextAsync();
        (await PassAsync(_first)).ShouldBe(0);
        (await StoredAsync()).ShouldBe(IdNumber, "nothing was read: with one key, only a writer behind the hub's back leaves plaintext");
    }

    [Fact]
    public async Task A_rotation_passes_at_every_start_and_once_more_after_the_previous_key_is_removed()
    {
        await SeedAsync();
        (await PassAsync(_first)).ShouldBe(0);

        (await PassAsync(_rotating)).ShouldBe(1, "another key ring: every value is brought under the new key");
        (await StoredAsync()).ShouldStartWith("enc:2:");
        await LeavePlaintextAsync();
        (await PassAsync(_rotating)).ShouldBe(1, "with previous keys configured, a rotation may still be under way in another instance");

        await LeavePlaintextAsync();
        (await PassAsync(_second)).ShouldBe(1, "the first start without the previous key checks that none still needs it");
        (await StoredAsync()).ShouldStartWith("enc:2:");

        await LeavePlaintextAsync();
        (await PassAsync(_second)).ShouldBe(0);
        (await StoredAsync()).ShouldBe(IdNumber);
    }

    /// <summary>The start-up refuses such ids (PersonalDataKeys); the pass itself tells them apart where the database can.</summary>
    [Fact]
    public async Task A_rotation_to_a_key_id_differing_only_in_case_brings_every_value_under_the_new_key()
    {
        var lower = new PersonalDataProtector("k", Convert.FromBase64String(PersonalDataKeys.WellKnownTestKey), new Dictionary<string, byte[]>(), new PersonHasher(TestAudit.PersonKey));
        var upper = new PersonalDataProtector(
            "K", SecondKey, new Dictionary<string, byte[]> { ["k"] = Convert.FromBase64String(PersonalDataKeys.WellKnownTestKey) }, new PersonHasher(TestAudit.PersonKey));
        await SeedAsync(lower);
        (await StoredAsync()).ShouldStartWith("enc:k:");

        (await PassAsync(upper)).ShouldBe(1);

        (await StoredAsync()).ShouldStartWith("enc:K:");
    }

    [Fact]
    public async Task A_value_still_under_a_removed_key_refuses_the_start_naming_the_setting_even_after_a_complete_pass()
    {
        await SeedAsync();
        (await PassAsync(_first)).ShouldBe(0);

        var refused = await Should.ThrowAsync<HubConfigurationException>(() => PassAsync(_second));

        refused.Key.ShouldBe("Encryption:PreviousKeys");
    }

    private ServiceProvider Services(PersonalDataProtector protector) =>
        HubDatabase.Services("Sqlite", $"Data Source={Path.Combine(_folder, "hub.db")}", (services, _) => services.AddSingleton(protector));

    private async Task<int> PassAsync(PersonalDataProtector protector)
    {
        await using var services = Services(protector);
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PersonalDataReencryption>().RunAsync(CancellationToken.None);
    }

    private async Task SeedAsync(PersonalDataProtector? protector = null)
    {
        await using var services = Services(protector ?? _first);
        await HubDatabase.MigrateAsync(services);
        await HubDatabase.InScopeAsync(services, async db =>
        {
            var household = new RollHousehold
            {
                Id = Guid.CreateVersion7(), Township = "220105001", Ref = "H-1", ConsentRef = "C-1", Source = "test", JoinedBy = "city-01", JoinedAtUtc = DateTime.UtcNow,
            };
            db.RollHouseholds.Add(household);
            db.RollMembers.Add(new RollMember
            {
                Id = Guid.CreateVersion7(), RollHouseholdId = household.Id, IdNumber = IdNumber, IdHash = TestPersonalData.Hash(IdNumber), Name = "王建国", Relation = "self",
            });
            return await db.SaveChangesAsync();
        });
    }

    /// <summary>The member's number and name in plaintext and its hash blank, as a hub before encryption left them.</summary>
    private async Task LeavePlaintextAsync()
    {
        await using var services = Services(_first);
        (await HubDatabase.InScopeAsync(services, db =>
            db.Database.ExecuteSqlRawAsync("UPDATE \"RollMembers\" SET \"IdNumber\" = {0}, \"Name\" = {1}, \"IdHash\" = ''", IdNumber, "王建国"))).ShouldBe(1);
    }

    private async Task<string> StoredAsync()
    {
        await using var services = Services(_first);
        return await HubDatabase.InScopeAsync(services, db => db.Database.SqlQueryRaw<string>("SELECT \"IdNumber\" AS \"Value\" FROM \"RollMembers\"").SingleAsync());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
