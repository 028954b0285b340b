namespace Dibao.Verification.Host.Persistence;

/// <summary><c>Database:Provider</c>: the embedded default, or a server for production.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}
