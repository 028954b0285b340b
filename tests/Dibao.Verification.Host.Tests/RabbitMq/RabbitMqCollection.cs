namespace Dibao.Verification.Host.Tests.RabbitMq;

/// <summary>One RabbitMQ node for every test that needs one; the tests take turns on it, each in its own virtual host.</summary>
[CollectionDefinition(Name)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqNode>
{
    public const string Name = "RabbitMQ";
}
