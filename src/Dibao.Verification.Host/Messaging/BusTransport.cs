namespace Dibao.Verification.Host.Messaging;

public enum BusTransport
{
    InMemory = 0,
    RabbitMq = 1,
}
