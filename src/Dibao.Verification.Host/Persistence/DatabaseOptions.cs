namespace Dibao.Verification.Host.Persistence;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (embedded default). <c>Postgres</c> and <c>SqlServer</c> arrive with the production setup.</summary>
    public string Provider { get; set; } = "Sqlite";

    public string ConnectionString { get; set; } = "Data Source=data/dibao.db";

    /// <summary>Apply pending migrations when the hub starts; operators who migrate by hand turn it off.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
