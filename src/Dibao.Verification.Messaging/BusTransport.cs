namespace Dibao.Verification.Messaging;

public enum BusTransport
{
    InMemory = 0,
    RabbitMq = 1,
}
