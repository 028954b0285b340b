namespace Dibao.Verification.Host.Tests.RabbitMq;

/// <summary>A test on a private RabbitMQ node: skipped, naming the package to install, where the broker is not installed.</summary>
public sealed class RabbitMqFactAttribute : FactAttribute
{
    public RabbitMqFactAttribute()
    {
        if (RabbitMqNode.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
