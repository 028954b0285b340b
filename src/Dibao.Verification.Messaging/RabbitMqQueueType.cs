namespace Dibao.Verification.Messaging;

public enum RabbitMqQueueType
{
    Quorum = 0,
    Classic = 1,
}
