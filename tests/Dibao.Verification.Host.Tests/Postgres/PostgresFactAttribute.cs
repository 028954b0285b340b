namespace Dibao.Verification.Host.Tests.Postgres;

/// <summary>A test on the private PostgreSQL cluster: skipped, naming the package, where PostgreSQL is not installed, unless servers are required.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!PostgresCluster.Installed && !PostgresCluster.Required)
        {
            Skip = PostgresCluster.NotInstalled;
        }
    }
}
