using Dibao.Verification.Host.Persistence;
using Dibao.Verification.Host.Scheduling;
using Quartz;

namespace Dibao.Verification.Host.Tests.Scheduling;

/// <summary>The Quartz tables the migrations create are those of the Quartz the hub runs.</summary>
public sealed class QuartzSchemaTests
{
    /// <summary>The version whose scripts the latest Quartz migration applied.</summary>
    private const string MigratedVersion = "4.7.3";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "sqlite")]
    [InlineData(DatabaseProvider.Postgres, "postgres")]
    [InlineData(DatabaseProvider.SqlServer, "sqlServer")]
    public void The_migrated_Quartz_schema_is_the_one_the_referenced_Quartz_provisions(DatabaseProvider provider, string dialect)
    {
        var quartz = typeof(IJob).Assembly;
        using var stream = quartz.GetManifestResourceStream($"Quartz.Impl.AdoJobStore.Schema.create_{dialect}.sql").ShouldNotBeNull();
        using var reader = new StreamReader(stream);
        var theirs = reader.ReadToEnd().ReplaceLineEndings("\n");
        using var ours = typeof(QuartzSchema).Assembly.GetManifestResourceStream(QuartzSchema.ResourceName(provider, MigratedVersion)).ShouldNotBeNull();

        new StreamReader(ours).ReadToEnd().ShouldBe(
            theirs,
            $"Quartz {quartz.GetName().Version} provisions another schema than {MigratedVersion}: embed its scripts and add a migration " +
            "for each provider that brings the tables from one to the other");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void Each_statement_is_one_of_Quartz_s_own_with_the_hub_s_table_prefix(DatabaseProvider provider)
    {
        var statements = QuartzSchema.Statements(provider, MigratedVersion);

        statements.Count.ShouldBeGreaterThan(20);
        statements.ShouldAllBe(s => !s.Contains('{') && !s.StartsWith("--", StringComparison.Ordinal));
        foreach (var table in new[] { "JOB_DETAILS", "TRIGGERS", "SIMPLE_TRIGGERS", "FIRED_TRIGGERS", "SCHEDULER_STATE", "LOCKS" })
        {
            statements.ShouldContain(s => s.Contains($"CREATE TABLE IF NOT EXISTS {QuartzSchema.TablePrefix}{table} (", StringComparison.OrdinalIgnoreCase)
                || s.Contains($"CREATE TABLE {QuartzSchema.TablePrefix}{table} (", StringComparison.Ordinal), table);
        }
    }
}
