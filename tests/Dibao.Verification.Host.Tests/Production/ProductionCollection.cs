using Dibao.Verification.Host.Tests.Postgres;
using Dibao.Verification.Host.Tests.RabbitMq;

namespace Dibao.Verification.Host.Tests.Production;

/// <summary>A broker and a database server of their own for the tests that run the hub and the agency hosts as processes.</summary>
[CollectionDefinition(Name)]
public sealed class ProductionCollection : ICollectionFixture<RabbitMqNode>, ICollectionFixture<PostgresCluster>
{
    public const string Name = "Production topology";
}
