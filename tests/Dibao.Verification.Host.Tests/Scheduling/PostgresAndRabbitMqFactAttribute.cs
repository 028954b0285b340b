using Dibao.Verification.Host.Tests.Postgres;
using Dibao.Verification.Host.Tests.RabbitMq;

namespace Dibao.Verification.Host.Tests.Scheduling;

/// <summary>A test on both private servers: skipped, naming what to install, where either is missing, unless servers are required.</summary>
public sealed class PostgresAndRabbitMqFactAttribute : FactAttribute
{
    public PostgresAndRabbitMqFactAttribute()
    {
        if (!PostgresCluster.Installed && !PostgresCluster.Required)
        {
            Skip = PostgresCluster.NotInstalled;
        }
        else if (RabbitMqNode.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
