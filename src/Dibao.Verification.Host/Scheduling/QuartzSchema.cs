using Dibao.Verification.Host.Persistence;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Dibao.Verification.Host.Scheduling;

/// <summary>
/// Quartz's tables, created by the hub's own migrations so that <c>migrate</c> prepares everything a hub instance needs
/// and nothing is created at run time. The scripts beside this file are the ones Quartz embeds for its own schema
/// provisioning, as that version shipped them; a migration names the version it was written for, so a later Quartz
/// with a different schema gets a migration of its own instead of changing what an earlier one did.
/// </summary>
public static class QuartzSchema
{
    /// <summary>Quartz's default; stated so that the migrations and the job store cannot drift apart.</summary>
    public const string TablePrefix = "QRTZ_";

    /// <summary>The statement separator of Quartz's provisioning scripts.</summary>
    private const string Separator = "--;;";

    private static readonly string[] Tables =
    [
        "SIMPLE_TRIGGERS", "CRON_TRIGGERS", "SIMPROP_TRIGGERS", "BLOB_TRIGGERS", "FIRED_TRIGGERS", "PAUSED_TRIGGER_GRPS",
        "PAUSED_JOB_GRPS", "SCHEDULER_STATE", "LOCKS", "CALENDARS", "EXECUTION_HISTORY", "MISFIRE_HISTORY", "JOB_STATUS",
        "TRIGGERS", "JOB_DETAILS",
    ];

    /// <summary>Creates Quartz <paramref name="version"/>'s tables and indexes, one statement per migration operation.</summary>
    public static void Create(MigrationBuilder migrationBuilder, DatabaseProvider provider, string version)
    {
        foreach (var statement in Statements(provider, version))
        {
            migrationBuilder.Sql(statement);
        }
    }

    /// <summary>Drops every Quartz table, children before the tables they reference.</summary>
    public static void Drop(MigrationBuilder migrationBuilder)
    {
        foreach (var table in Tables)
        {
            migrationBuilder.Sql($"DROP TABLE IF EXISTS {TablePrefix}{table}");
        }
    }

    /// <summary>The script's statements with the table prefix in place and Quartz's comments left out.</summary>
    public static IReadOnlyList<string> Statements(DatabaseProvider provider, string version)
    {
        var script = Script(ResourceName(provider, version));
        var statements = new List<string>();
        foreach (var piece in script.Split('\n' + Separator + '\n'))
        {
            var sql = string.Join('\n', piece.Split('\n').Where(line => !line.StartsWith("--", StringComparison.Ordinal))).Trim();
            if (sql.Length > 0)
            {
                // {0} may carry a schema qualifier, {1} never does; the hub's prefix has none.
                statements.Add(sql.Replace("{0}", TablePrefix, StringComparison.Ordinal).Replace("{1}", TablePrefix, StringComparison.Ordinal));
            }
        }

        return statements;
    }

    /// <summary>The name under which the hub embeds Quartz's script for <paramref name="provider"/>.</summary>
    public static string ResourceName(DatabaseProvider provider, string version) => provider switch
    {
        DatabaseProvider.Postgres => $"quartz-{version}-postgres.sql",
        DatabaseProvider.SqlServer => $"quartz-{version}-sqlServer.sql",
        _ => $"quartz-{version}-sqlite.sql",
    };

    private static string Script(string resource)
    {
        using var stream = typeof(QuartzSchema).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The hub does not embed Quartz's schema script {resource}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }
}
