namespace Dibao.Verification.Messaging.RabbitMq;

public sealed class QueueNotFoundException(string queue) : Exception($"The broker has no queue named '{queue}'.")
{
    public string Queue { get; } = queue;
}
