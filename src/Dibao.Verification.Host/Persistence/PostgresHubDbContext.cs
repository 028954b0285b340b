using Microsoft.EntityFrameworkCore;

namespace Dibao.Verification.Host.Persistence;

/// <summary>The hub's schema on PostgreSQL: its own type so that its migrations are its own (see <see cref="HubDbContext"/>).</summary>
public sealed class PostgresHubDbContext(DbContextOptions<PostgresHubDbContext> options) : HubDbContext(options);
