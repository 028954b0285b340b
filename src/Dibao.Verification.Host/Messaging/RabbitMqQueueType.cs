namespace Dibao.Verification.Host.Messaging;

public enum RabbitMqQueueType
{
    Quorum = 0,
    Classic = 1,
}
