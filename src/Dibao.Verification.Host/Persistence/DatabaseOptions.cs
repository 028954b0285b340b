namespace Dibao.Verification.Host.Persistence;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (embedded default), <c>Postgres</c> or <c>SqlServer</c>, in any case.</summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>In the provider's own format.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/dibao.db";

    /// <summary>
    /// Apply pending migrations when the hub starts. Unset: on for SQLite, whose file belongs to the hub; off for a server,
    /// whose schema an operator changes with the <c>migrate</c> command, so that instances starting together never race to
    /// migrate it.
    /// </summary>
    public bool? MigrateAtStartup { get; set; }

    /// <summary>Obsolete name of <see cref="MigrateAtStartup"/>, still honoured when only it is set.</summary>
    public bool? MigrateOnStartup { get; set; }

    public DatabaseProvider ParsedProvider =>
        Enum.GetValues<DatabaseProvider>().Cast<DatabaseProvider?>()
            .FirstOrDefault(p => string.Equals(p.ToString(), Provider.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException(
                $"Database:Provider '{Provider}' is not supported; use 'Sqlite', 'Postgres' or 'SqlServer'.");

    public bool ShouldMigrateAtStartup => MigrateAtStartup ?? MigrateOnStartup ?? ParsedProvider == DatabaseProvider.Sqlite;
}
