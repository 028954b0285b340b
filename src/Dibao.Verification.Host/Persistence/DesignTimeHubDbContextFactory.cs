using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Dibao.Verification.Host.Persistence;

/// <summary>
/// Lets <c>dotnet ef</c> build each provider's model without starting the hub or reaching a database; choose the provider
/// with <c>--context</c>: <c>HubDbContext</c> (SQLite), <c>PostgresHubDbContext</c> or <c>SqlServerHubDbContext</c>, and the
/// folder with <c>--output-dir</c> (<c>Persistence/Migrations/Postgres</c>, <c>Persistence/Migrations/SqlServer</c>).
/// </summary>
public sealed class DesignTimeHubDbContextFactory :
    IDesignTimeDbContextFactory<HubDbContext>,
    IDesignTimeDbContextFactory<PostgresHubDbContext>,
    IDesignTimeDbContextFactory<SqlServerHubDbContext>
{
    public HubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<HubDbContext>().UseSqlite("Data Source=design-time.db").Options);

    PostgresHubDbContext IDesignTimeDbContextFactory<PostgresHubDbContext>.CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresHubDbContext>().UseNpgsql("Host=localhost;Database=dibao").Options);

    SqlServerHubDbContext IDesignTimeDbContextFactory<SqlServerHubDbContext>.CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerHubDbContext>().UseSqlServer("Server=localhost;Database=dibao;Integrated Security=true;TrustServerCertificate=true").Options);
}
