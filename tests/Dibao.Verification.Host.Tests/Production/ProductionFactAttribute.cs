using Dibao.Verification.Host.Tests.Postgres;
using Dibao.Verification.Host.Tests.RabbitMq;

namespace Dibao.Verification.Host.Tests.Production;

/// <summary>A test on a private RabbitMQ node and PostgreSQL cluster: skipped, naming what to install, where either is missing, unless servers are required.</summary>
public sealed class ProductionFactAttribute : FactAttribute
{
    public ProductionFactAttribute()
    {
        if (RabbitMqNode.SkipReason is { } broker)
        {
            Skip = broker;
        }
        else if (!PostgresCluster.Installed && !PostgresCluster.Required)
        {
            Skip = PostgresCluster.NotInstalled;
        }
    }
}
