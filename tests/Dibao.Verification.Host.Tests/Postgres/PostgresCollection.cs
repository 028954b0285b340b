namespace Dibao.Verification.Host.Tests.Postgres;

/// <summary>The tests on the one PostgreSQL cluster of a test run: they run one after another, each on a database of its own.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "PostgreSQL";
}
