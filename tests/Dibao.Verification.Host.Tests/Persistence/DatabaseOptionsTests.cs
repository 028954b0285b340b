using Dibao.Verification.Host.Persistence;
using Microsoft.Extensions.Configuration;

namespace Dibao.Verification.Host.Tests.Persistence;

public sealed class DatabaseOptionsTests
{
    [Theory]
    [InlineData("Sqlite", null, null, true)]
    [InlineData("Postgres", null, null, false)]
    [InlineData("SqlServer", null, null, false)]
    [InlineData("postgres", "true", null, true)]
    [InlineData("Sqlite", "false", null, false)]
    [InlineData("Postgres", null, "true", true)]
    [InlineData("Sqlite", null, "false", false)]
    [InlineData("Postgres", "false", "true", false)]
    public void MigrateAtStartup_is_on_for_SQLite_only_unless_set_and_the_obsolete_MigrateOnStartup_counts_when_it_is_not(
        string provider, string? migrateAtStartup, string? migrateOnStartup, bool migrates)
    {
        var options = Bind(new()
        {
            ["Database:Provider"] = provider,
            ["Database:MigrateAtStartup"] = migrateAtStartup,
            ["Database:MigrateOnStartup"] = migrateOnStartup,
        });

        options.ShouldMigrateAtStartup.ShouldBe(migrates);
    }

    [Theory]
    [InlineData("sqlite", DatabaseProvider.Sqlite)]
    [InlineData(" POSTGRES ", DatabaseProvider.Postgres)]
    [InlineData("sqlserver", DatabaseProvider.SqlServer)]
    public void The_provider_is_read_in_any_case(string provider, DatabaseProvider parsed) =>
        Bind(new() { ["Database:Provider"] = provider }).ParsedProvider.ShouldBe(parsed);

    [Theory]
    [InlineData("Oracle")]
    [InlineData("1")]
    [InlineData("")]
    public void Any_other_provider_is_refused_naming_the_key_and_the_three(string provider) =>
        Should.Throw<InvalidOperationException>(() => Bind(new() { ["Database:Provider"] = provider }).ParsedProvider)
            .Message.ShouldContain("Database:Provider", Case.Sensitive);

    private static DatabaseOptions Bind(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()!;
}
